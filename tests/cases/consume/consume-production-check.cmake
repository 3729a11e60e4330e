case_expect_markers(ABSENT consume_one consume_two)
case_expect_no_match(STDOUT "Test +#")
case_expect_no_match(STDERR "Confirmed")
