# TARGET needs a label before its variables.
staging_tests_configure(TARGET NAME BILLING_ACCOUNT=billing-staging)
