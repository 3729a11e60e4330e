case_expect_statuses(Passed staging_session extra real staging_checklist)
case_expect_markers(EXIST extra real)
