# The test preset runs the staging suite, with output on failure, an error
# when it is empty, and a JUnit report.
case_expect_statuses(Passed staging_session consume_one consume_two staging_checklist)
case_expect_markers(EXIST consume_one consume_two)
if(PRESETS_EXTRA)
  case_expect_statuses(Passed consume_extra)
else()
  # The project's own option is off unless a preset turns it on.
  case_expect_statuses(Absent consume_extra)
endif()
case_expect_match(STDERR "Confirmed: Running tests against STAGING environment")
if(NOT EXISTS "${PRESETS_JUNIT}")
  case_fail("the test preset wrote no ${PRESETS_JUNIT}")
else()
  file(READ "${PRESETS_JUNIT}" junit)
  foreach(test staging_session consume_one consume_two)
    case_expect_match(junit "<testcase name=\"${test}\"[^>]* status=\"run\"")
  endforeach()
endif()
