# An account id is twelve digits.
staging_tests_configure(AWS PROFILE engram-staging REGION eu-west-1 ACCOUNT_ID 1234)
