# Refusing the word of the allowed environment: its own hosts would be
# unreachable.
staging_tests_configure(NETWORK_REFUSE prod staging)
