# The production profile, the very thing the toolkit exists to keep tests away from.
staging_tests_configure(AWS PROFILE engram-production REGION eu-west-1)
