case_expect_statuses(Passed staging_session t staging_checklist)
case_expect_markers(EXIST t)
