# There is no way to ignore a caller pinned elsewhere.
staging_tests_configure(ON_MISMATCH IGNORE)
