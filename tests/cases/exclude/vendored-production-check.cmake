case_expect_markers(ABSENT ${EXCLUDE_STAGED} ${EXCLUDE_OUTSIDE} vendored_failing)
