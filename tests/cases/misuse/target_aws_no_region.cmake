# AWS without the region its tools need: every SDK call would fall back to the caller's.
staging_tests_configure(AWS PROFILE engram-staging)
