# The check program carries the old policy, the suite the new one: as an
# unbuilt tree, the suite can be listed, nothing runs (every test is Not
# Run: its check program is not there), and the rebuild is asked for.
case_expect_match(STDERR "StagingTests: this check program was built for policy '[0-9a-f]+', but the test suite was generated for policy '[0-9a-f]+'\\.")
if(STDERR MATCHES "built for policy '([0-9a-f]+)', but the test suite was generated for policy '([0-9a-f]+)'"
    AND CMAKE_MATCH_1 STREQUAL CMAKE_MATCH_2)
  case_fail("the two policies are the same: ${CMAKE_MATCH_1}")
endif()
case_expect_match(STDERR "was built for another policy than the one this build tree was configured with, so this suite can be listed but not run")
case_expect_no_match(STDOUT "Test +#[0-9]+: [^\n]*(Passed|Failed|killed)")
case_expect_no_match(STDERR "Confirmed")
case_expect_markers(ABSENT t)
