# Refused before any test, and the value shown escaped on one line.
case_expect_markers(ABSENT odd_one)
case_expect_no_match(STDOUT "Test +#")
case_expect_no_match(STDERR "Confirmed")
refusal_expect_printable(STDOUT)
refusal_expect_printable(STDERR)
case_expect_match(STDERR "ERROR: Tests must run against STAGING environment only!\nCurrent environment: ${ODD_SHOWN}\nAllowed environments: staging, stg\n")
