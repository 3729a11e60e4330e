# The enforced environment named after production: the policy would pin every
# test to the one place they must never reach.
staging_tests_configure(ENVIRONMENT production)
