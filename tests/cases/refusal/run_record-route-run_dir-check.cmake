# Refused while ctest reads the suite: nothing runs, nothing is listed.
case_expect_markers(ABSENT first victim late)
case_expect_no_match(STDOUT "Test +#")
