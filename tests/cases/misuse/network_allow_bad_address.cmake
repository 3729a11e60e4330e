# An IPv4 address with a part above 255.
staging_tests_configure(NETWORK STRICT NETWORK_ALLOW 10.0.0.300)
