# A secret given a value.
staging_tests_configure(TARGET billing NAME BILLING_ACCOUNT=billing-staging SECRET BILLING_TOKEN=tok-123)
