# REGION followed by another key: REGION has no value.
staging_tests_configure(AWS PROFILE engram-staging REGION ACCOUNT_ID 123456789012)
