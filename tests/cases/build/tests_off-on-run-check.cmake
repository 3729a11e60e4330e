case_expect_statuses(Passed staging_session staged plain staging_checklist)
case_expect_markers(EXIST staged plain)
