# Two targets with one label.
staging_tests_configure(TARGET billing NAME BILLING_ACCOUNT=billing-staging billing VALUE BILLING_REGION=eu)
