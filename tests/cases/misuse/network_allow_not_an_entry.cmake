# A host name with a space: no entry of the allow list.
staging_tests_configure(NETWORK STRICT NETWORK_ALLOW "ho st")
