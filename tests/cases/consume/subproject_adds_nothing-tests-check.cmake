case_expect_match(STDOUT "Test +#1: parent_test\n")
consume_compare_snapshot(tests)
