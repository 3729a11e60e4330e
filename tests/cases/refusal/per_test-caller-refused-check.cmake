# Refused when ctest reads the suite: no test starts, none is listed.
case_expect_markers(ABSENT clean same_environment reset_environment endpoint_fine)
case_expect_no_match(STDOUT "Test +#")
case_expect_no_match(STDERR "Confirmed")
