case_expect_markers(ABSENT top_one top_two sub_one)
case_expect_no_match(STDOUT "Test +#[0-9]+: .*(Passed|Failed)")
case_expect_no_match(STDERR "Confirmed")
