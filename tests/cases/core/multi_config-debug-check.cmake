case_expect_statuses(Passed staging_session staged plain staging_checklist)
case_expect_statuses(Absent release_only)
case_expect_markers(EXIST staged-Debug plain-Debug ABSENT staged-Release plain-Release)
