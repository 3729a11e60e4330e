# A FIELD of a variable that names no file.
staging_tests_configure(TARGET billing NAME BILLING_ACCOUNT=billing-staging FIELD BILLING_ACCOUNT:region=eu)
