# Nothing can run: every command is the check program, which is not there.
case_expect_statuses(NotRun staging_session staged plain staging_checklist)
case_expect_markers(ABSENT staged plain)
