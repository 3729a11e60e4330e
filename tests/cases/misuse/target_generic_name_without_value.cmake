# A NAME passed through: its value would not be known to name the environment.
staging_tests_configure(TARGET billing NAME BILLING_ACCOUNT)
