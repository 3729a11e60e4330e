# A network guard mode that does not exist.
staging_tests_configure(NETWORK bogus)
