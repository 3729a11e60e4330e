# Allowing production callers: the policy would let a production shell run
# the suite.
staging_tests_configure(ALLOWED staging prod)
