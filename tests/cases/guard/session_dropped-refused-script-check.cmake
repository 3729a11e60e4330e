case_expect_statuses(Killed t u)
case_expect_markers(ABSENT t u)
