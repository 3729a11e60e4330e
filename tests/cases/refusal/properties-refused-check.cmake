case_expect_statuses(Killed ${REFUSAL_PROPERTIES_REFUSED})
case_expect_statuses(Passed staging_session clean)
# The checklist fails too, so that its summary is shown beside them.
case_expect_statuses(Failed staging_checklist)
case_expect_markers(EXIST clean ABSENT ${REFUSAL_PROPERTIES_REFUSED})
# Each refusal names its test, the value it found and the value required.
foreach(test IN LISTS REFUSAL_PROPERTIES_REFUSED)
  set(value production)
  if(test STREQUAL "sub_included")
    set(value "Production ")
  endif()
  case_expect_match(STDOUT
    "StagingTests: test '${test}' refused: ENVIRONMENT is '${value}', required 'staging'\n")
endforeach()
