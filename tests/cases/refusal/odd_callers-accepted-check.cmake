case_expect_statuses(Passed staging_session odd_one staging_checklist)
case_expect_match(STDERR "Confirmed: Running tests against STAGING environment")
