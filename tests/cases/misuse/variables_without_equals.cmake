# A forced variable without a value.
staging_tests_configure(VARIABLES ENGRAM_REGION)
