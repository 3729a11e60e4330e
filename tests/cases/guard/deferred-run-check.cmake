case_expect_statuses(Passed staging_session early late staging_checklist)
case_expect_markers(EXIST early late)
