canary_expect_not_in_output()
case_expect_no_match(STDOUT "Test +#")
case_expect_match(STDERR "ERROR: Tests must run against STAGING environment only!\nCurrent environment: production\n")
