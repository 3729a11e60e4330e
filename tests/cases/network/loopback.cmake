# Loopback (127.0.0.0/8, ::1, localhost): reachable in WORDS mode by default,
# for tests that start local servers; refused with NETWORK_LOOPBACK DENY.
# NETWORK_CASE_LOOPBACK: DEFAULT (the keyword left out) or REFUSE.
if(NETWORK_CASE_LOOPBACK STREQUAL "REFUSE")
  staging_tests_configure(NETWORK_LOOPBACK DENY)
else()
  staging_tests_configure()
endif()
add_staging_test(NAME v4 COMMAND netprobe serve 127.0.0.1 47130 connect 127.0.0.1 47130 expect-ok)
# localhost may resolve to ::1 first: connect-name tries each address.
add_staging_test(NAME name
  COMMAND netprobe serve 127.0.0.1 47131 connect-name localhost 47131 expect-ok)
add_staging_test(NAME other_v4 COMMAND netprobe serve 127.0.0.9 47132 connect 127.0.0.9 47132 expect-ok)
add_staging_test(NAME lookup COMMAND netprobe resolve localhost expect-ok)
