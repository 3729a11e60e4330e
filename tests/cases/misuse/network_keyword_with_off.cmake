# A network keyword with the guard off, where it would have no effect.
staging_tests_configure(NETWORK OFF NETWORK_REFUSE prod live)
