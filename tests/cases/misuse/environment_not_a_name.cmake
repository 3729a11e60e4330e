# A space in the name: no shell compares it as meant.
staging_tests_configure(ENVIRONMENT "staging eu")
