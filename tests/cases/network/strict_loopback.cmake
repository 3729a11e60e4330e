# NETWORK STRICT with NETWORK_LOOPBACK DENY: loopback addresses are
# reachable only as NETWORK_ALLOW lists them, on the listed ports; unix
# sockets only by the listed glob; UDP is judged as TCP is. [::1] only when
# the machine has IPv6 loopback (NETWORK_CASE_IPV6, found here).
set(sockets "${CMAKE_BINARY_DIR}/sockets")
file(MAKE_DIRECTORY "${sockets}")
set(NETWORK_CASE_IPV6 FALSE)
if(EXISTS /proc/net/if_inet6)
  file(STRINGS /proc/net/if_inet6 lines REGEX "^0+1 ")
  if(lines)
    set(NETWORK_CASE_IPV6 TRUE)
  endif()
endif()
set(NETWORK_CASE_IPV6 ${NETWORK_CASE_IPV6} CACHE BOOL "The machine has ::1" FORCE)
staging_tests_configure(NETWORK STRICT
  NETWORK_ALLOW 127.0.0.2:47110 [::1]:47111 "unix:${sockets}/ok-*.sock"
  NETWORK_LOOPBACK DENY)
# Allowed.
add_staging_test(NAME allowed_v4
  COMMAND netprobe serve 127.0.0.2 47110 connect 127.0.0.2 47110 expect-ok)
if(NETWORK_CASE_IPV6)
  add_staging_test(NAME allowed_v6 COMMAND netprobe serve ::1 47111 connect ::1 47111 expect-ok)
  add_staging_test(NAME v6_other_port
    COMMAND netprobe serve ::1 47112 connect ::1 47112 expect-fail)
endif()
add_staging_test(NAME allowed_unix
  COMMAND netprobe serve-unix "${sockets}/ok-2.sock" unix "${sockets}/ok-2.sock" expect-ok)
add_staging_test(NAME allowed_udp COMMAND netprobe udp 127.0.0.2 47110 expect-ok)
# Refused, though a server listens.
add_staging_test(NAME v4_other_port
  COMMAND netprobe serve 127.0.0.2 47113 connect 127.0.0.2 47113 expect-fail)
add_staging_test(NAME v4_other_address
  COMMAND netprobe serve 127.0.0.3 47110 connect 127.0.0.3 47110 expect-fail)
add_staging_test(NAME v4_loopback
  COMMAND netprobe serve 127.0.0.1 47114 connect 127.0.0.1 47114 expect-fail)
add_staging_test(NAME other_unix
  COMMAND netprobe serve-unix "${sockets}/bad-2.sock" unix "${sockets}/bad-2.sock" expect-fail)
add_staging_test(NAME udp_refused COMMAND netprobe udp 127.0.0.3 47115 expect-fail)
add_staging_test(NAME udpmsg_refused COMMAND netprobe udpmsg 127.0.0.1 47116 expect-fail)
add_staging_test(NAME localhost COMMAND netprobe resolve localhost expect-fail)
