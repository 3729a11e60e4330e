# An allow list in the default WORDS mode, where every host not refused is
# reachable anyway.
staging_tests_configure(NETWORK_ALLOW api.staging.example.com:443)
