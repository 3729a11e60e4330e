case_expect_statuses(Passed staging_session consume_one consume_two staging_checklist)
case_expect_markers(EXIST consume_one consume_two)
case_expect_match(STDERR "Environment: staging\nVault: engram-staging-vault\n")
case_expect_match(STDERR "Confirmed: Running tests against STAGING environment")
