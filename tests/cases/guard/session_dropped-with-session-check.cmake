case_expect_statuses(Passed staging_session t u staging_checklist)
