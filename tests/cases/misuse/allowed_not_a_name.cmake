# An allowed name that is not an environment name.
staging_tests_configure(ALLOWED staging "staging/eu")
