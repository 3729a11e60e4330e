# A profile that does not say which environment it is.
staging_tests_configure(AWS PROFILE engram REGION eu-west-1)
