# A port above 65535.
staging_tests_configure(NETWORK STRICT NETWORK_ALLOW api.staging.example.com:70000)
