# One variable claimed by two targets.
staging_tests_configure(AWS PROFILE engram-staging REGION eu-west-1 TARGET tools NAME AWS_PROFILE=tools-staging)
