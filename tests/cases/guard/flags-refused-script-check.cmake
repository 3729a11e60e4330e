case_expect_markers(ABSENT top_one top_two sub_one)
