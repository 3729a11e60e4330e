# After more invocations than the session keeps, the newest 20 remain, this
# one's among them.
case_expect_statuses(Passed staging_session)
file(GLOB runs LIST_DIRECTORIES TRUE "${BUILD}/StagingTests/runs/*")
list(LENGTH runs count)
if(NOT count EQUAL 20)
  case_fail("StagingTests/runs holds ${count} entries, expected the newest 20")
endif()
if(NOT STDOUT MATCHES "staging_tests_check\"? \"?session\"? \"?--run-dir\"? \"?([^\" \n]+)")
  case_fail("the session's command line is not in the output")
elseif(NOT IS_DIRECTORY "${CMAKE_MATCH_1}")
  case_fail("this invocation's run directory ${CMAKE_MATCH_1} was removed")
endif()
