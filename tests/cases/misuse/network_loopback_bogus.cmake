# A loopback setting that is neither ALLOW nor DENY.
staging_tests_configure(NETWORK_LOOPBACK NO)
