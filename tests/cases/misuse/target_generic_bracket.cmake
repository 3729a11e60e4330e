# A bracket CTest would misread in the test environment.
staging_tests_configure(TARGET billing VALUE BILLING_TAGS=[a])
