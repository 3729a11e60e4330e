# NETWORK STRICT, loopback reachable (the default): the NETWORK_ALLOW
# entries and loopback alone are reachable; the word rule still holds. The
# addresses of 192.0.2.0/24 (TEST-NET-1) are never reached: a test that
# would have reached one ends at its TIMEOUT.
set(sockets "${CMAKE_BINARY_DIR}/sockets")
file(MAKE_DIRECTORY "${sockets}")
staging_tests_configure(NETWORK STRICT
  NETWORK_ALLOW 192.0.2.10:47100 "unix:${sockets}/ok-*.sock" *.staging.example.com:47101
    prod-mirror.example.com)
# Allowed, and loopback.
add_staging_test(NAME allowed_unix
  COMMAND netprobe serve-unix "${sockets}/ok-1.sock" unix "${sockets}/ok-1.sock" expect-ok)
add_staging_test(NAME loopback
  COMMAND netprobe serve 127.0.0.3 47102 connect 127.0.0.3 47102 expect-ok)
add_staging_test(NAME allowed_name COMMAND netprobe resolve-port api.staging.example.com 47101)
# Sent or not (the machine may have no route), but not refused.
add_staging_test(NAME allowed_udp COMMAND netprobe udp 192.0.2.10 47100)
# Refused.
add_staging_test(NAME other_unix
  COMMAND netprobe serve-unix "${sockets}/bad-1.sock" unix "${sockets}/bad-1.sock" expect-fail)
add_staging_test(NAME other_address COMMAND netprobe connect 192.0.2.11 47100 expect-fail)
add_staging_test(NAME other_port COMMAND netprobe connect 192.0.2.10 47103 expect-fail)
add_staging_test(NAME other_udp COMMAND netprobe udp 192.0.2.11 47104 expect-fail)
add_staging_test(NAME other_udpmsg COMMAND netprobe udpmsg 192.0.2.11 47105 expect-fail)
add_staging_test(NAME name_other_port COMMAND netprobe resolve-port api.staging.example.com 47106 expect-fail)
add_staging_test(NAME name_not_listed COMMAND netprobe resolve-port api.example.org 47101 expect-fail)
# Listed, but a production name: the word rule comes first.
add_staging_test(NAME name_listed_prod COMMAND netprobe resolve prod-mirror.example.com expect-fail)
set_tests_properties(other_address other_port other_udp other_udpmsg PROPERTIES TIMEOUT 20)
