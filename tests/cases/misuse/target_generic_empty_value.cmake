# An empty forced value.
staging_tests_configure(TARGET billing VALUE BILLING_REGION=)
