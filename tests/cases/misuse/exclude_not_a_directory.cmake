# A directory that does not exist (a dependency not fetched yet, a typo).
staging_tests_configure(EXCLUDE_DIRECTORIES third_party/googletest)
