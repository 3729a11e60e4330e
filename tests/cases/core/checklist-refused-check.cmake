# The checklist fails beside the refused test, so --output-on-failure puts
# its summary in front of the user.
case_expect_statuses(Passed staging_session ok_one ok_two)
case_expect_statuses(Killed overridden)
case_expect_statuses(Failed staging_checklist)
case_expect_markers(EXIST ok_one ok_two ABSENT overridden)
case_expect_match(STDOUT "\nStagingTests: test 'overridden' refused: ENVIRONMENT is 'uat', required 'staging'\n")
case_expect_match(STDOUT "\nSTAGING CHECKLIST \\(this ctest invocation\\)\n")
case_expect_match(STDOUT "\n✓ Session: 'staging_session' validated the staging environment before any staging test\n")
case_expect_match(STDOUT "\n✗ staging tests checked by the check program before they ran: 3, refused 1: overridden\n")
