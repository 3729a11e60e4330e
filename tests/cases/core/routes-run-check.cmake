case_expect_statuses(Passed staging_session ${CORE_ROUTES} staging_checklist)
case_expect_statuses(Absent elsewhere)
case_expect_markers(EXIST ${CORE_ROUTES} ABSENT elsewhere)
