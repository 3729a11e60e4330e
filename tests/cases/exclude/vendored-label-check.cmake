case_expect_statuses(Passed staging_session ${EXCLUDE_STAGED} staging_checklist)
case_expect_statuses(Absent ${EXCLUDE_OUTSIDE} vendored_failing)
case_expect_markers(EXIST ${EXCLUDE_STAGED} ABSENT ${EXCLUDE_OUTSIDE} vendored_failing)
