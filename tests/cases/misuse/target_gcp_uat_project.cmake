# A project of another environment, though it also says staging.
staging_tests_configure(GOOGLE_CLOUD PROJECT engram-uat-staging)
