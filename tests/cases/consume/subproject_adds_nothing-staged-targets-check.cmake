case_expect_match(STDOUT "staging_tests_check")
