# The variable forgotten.
staging_tests_configure(REFUSE MATCHES prod production)
