# ENVIRONMENT is forced from the ENVIRONMENT keyword.
staging_tests_configure(VARIABLES ENVIRONMENT=staging)
