# A target with no variable: nothing would be checked.
staging_tests_configure(TARGET billing)
