# Without -C a multi-config tree has no test to run but the toolkit's own.
case_expect_statuses(NotRun staged plain)
case_expect_statuses(Absent release_only)
case_expect_markers(ABSENT staged-Debug plain-Debug staged-Release plain-Release)
