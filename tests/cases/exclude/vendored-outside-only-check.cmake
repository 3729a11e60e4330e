# Without the session: tests outside the suite do not need it.
case_expect_statuses(Passed ${EXCLUDE_OUTSIDE})
case_expect_statuses(Failed vendored_failing)
case_expect_statuses(Absent staging_session ${EXCLUDE_STAGED})
case_expect_markers(EXIST ${EXCLUDE_OUTSIDE})
