# A misspelt key of AWS.
staging_tests_configure(AWS PROFILE engram-staging REGION eu-west-1 ACCOUNT 123456789012)
