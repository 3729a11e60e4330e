# An Azure region name given to AWS.
staging_tests_configure(AWS PROFILE engram-staging REGION westeurope)
