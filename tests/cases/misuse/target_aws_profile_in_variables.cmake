# The profile forced twice, once by AWS and once by VARIABLES.
staging_tests_configure(AWS PROFILE engram-staging REGION eu-west-1 VARIABLES AWS_PROFILE=other-staging)
