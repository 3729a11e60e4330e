case_expect_match(STDERR "include\\(\"[^\n]*/early.cmake\"\\)")
case_expect_markers(ABSENT early t sub_one)
