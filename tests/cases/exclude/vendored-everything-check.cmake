# Every test ran forced; the dependency's failing test fails alone.
case_expect_statuses(Passed staging_session ${EXCLUDE_STAGED} ${EXCLUDE_OUTSIDE}
  staging_checklist)
case_expect_statuses(Failed vendored_failing)
case_expect_markers(EXIST ${EXCLUDE_STAGED} ${EXCLUDE_OUTSIDE} vendored_failing)
list(LENGTH EXCLUDE_STAGED staged)
list(LENGTH EXCLUDE_OUTSIDE outside)
math(EXPR outside "${outside} + 1")
case_expect_match(STDOUT "[0-9]+: ✓ staging tests checked by the check program before they ran: ${staged}\n")
case_expect_match(STDOUT "[0-9]+:   Tests outside the staging suite \\(EXCLUDE_DIRECTORIES\\), checked by the check program: ${outside}\n")
# The checklist runs last, so that it has seen every test it reports.
string(REGEX MATCHALL "[0-9]+/[0-9]+ Test +#[0-9]+: [^ ]+" results "${STDOUT}")
list(GET results -1 last)
if(NOT last MATCHES ": staging_checklist$")
  case_fail("the checklist is not the last test to finish (${last} is)")
endif()
