# A hosts file named relative to nothing in particular.
staging_tests_configure(NETWORK_HOSTS_FILE etc/hosts)
