# A value of another environment.
staging_tests_configure(TARGET billing VALUE BILLING_HOST=billing.production.example.com)
