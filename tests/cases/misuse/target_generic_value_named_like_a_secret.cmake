# A value whose name says it is a secret.
staging_tests_configure(TARGET billing VALUE BILLING_API_KEY=abc123)
