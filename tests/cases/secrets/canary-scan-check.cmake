canary_expect_in_no_file("${WORK}")
