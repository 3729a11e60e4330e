case_expect_markers(ABSENT evil real)
