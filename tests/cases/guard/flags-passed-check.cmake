# Every test that ran saw ENVIRONMENT=staging (the probe's --expect).
case_expect_no_match(STDOUT "Failed|Killed|Not Run")
case_expect_match(STDERR "Confirmed: Running tests against STAGING environment")
