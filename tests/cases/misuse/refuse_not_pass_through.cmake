# A variable tests do not inherit: a rule on it would never see its value.
staging_tests_configure(REFUSE DATABASE_URL MATCHES prod)
