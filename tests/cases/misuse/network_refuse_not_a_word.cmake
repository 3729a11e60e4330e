# A refused word that starts with a dash.
staging_tests_configure(NETWORK_REFUSE prod -x)
