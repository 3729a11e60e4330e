case_expect_statuses(Passed staging_session ok_one ok_two staging_checklist)
case_expect_statuses(Absent overridden)
# -V prefixes each line of a test's output with its number.
case_expect_match(STDOUT "[0-9]+: STAGING CHECKLIST \\(this ctest invocation\\)\n")
case_expect_match(STDOUT "[0-9]+: ✓ Session: 'staging_session' validated the staging environment before any staging test\n")
case_expect_match(STDOUT "[0-9]+: ✓ staging tests checked by the check program before they ran: 2\n")
case_expect_no_match(STDOUT "refused|✗")
