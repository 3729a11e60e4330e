# NETWORK_HOSTS_FILE: in WORDS mode an address the hosts file gives to a name
# of another environment is refused, though the test names the address
# alone; an address the file gives to a staging name is reachable. (Loopback
# addresses, so that the servers are the tests' own.)
staging_tests_configure(NETWORK_HOSTS_FILE "${CMAKE_CURRENT_SOURCE_DIR}/hosts_file.hosts")
add_staging_test(NAME production_db
  COMMAND netprobe serve 127.0.0.2 47120 connect 127.0.0.2 47120 expect-fail)
add_staging_test(NAME staging_db
  COMMAND netprobe serve 127.0.0.3 47121 connect 127.0.0.3 47121 expect-ok)
# Both in one process: the refusal does not stop the next connection.
add_staging_test(NAME both
  COMMAND netprobe serve 127.0.0.2 47122 serve 127.0.0.3 47123
    connect 127.0.0.2 47122 expect-fail connect 127.0.0.3 47123 exit 0)
