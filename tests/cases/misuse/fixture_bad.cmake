# The fixture also names the session test, so it must be a plain name.
staging_tests_configure(FIXTURE "staging session")
