case_expect_markers(ABSENT t)
