# A misspelt role.
staging_tests_configure(TARGET billing NAME BILLING_ACCOUNT=billing-staging URLS BILLING_API=https://billing.staging.example.com/)
