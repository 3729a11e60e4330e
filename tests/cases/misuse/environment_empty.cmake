# An empty name (an unset variable): the default is not assumed.
staging_tests_configure(ENVIRONMENT "")
