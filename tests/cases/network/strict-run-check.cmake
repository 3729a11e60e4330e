network_read()
set(sockets "${BUILD}/sockets")
set(not_allowed "it is not in NETWORK_ALLOW \\(NETWORK STRICT\\)")
case_expect_match(OUT "\nNetwork guard: only 192\\.0\\.2\\.10:47100, unix:[^\n]*/sockets/ok-\\*\\.sock, \\*\\.staging\\.example\\.com:47101, prod-mirror\\.example\\.com reachable; [^\n]*; loopback reachable\n")
# Allowed: the listed unix glob and name, loopback, a datagram to the listed
# address and port.
case_expect_statuses(Passed staging_session allowed_unix loopback allowed_name allowed_udp)
foreach(test IN ITEMS allowed_unix loopback allowed_name allowed_udp)
  network_expect_not_refused(${test})
endforeach()
network_expect_line("unix ${sockets}/ok-1.sock: connected")
network_expect_line("connect 127.0.0.3: connected")
case_expect_match(OUT "\nnetprobe: resolve-port api\\.staging\\.example\\.com: [^\n]+\n")
case_expect_match(OUT "\nnetprobe: udp 192\\.0\\.2\\.10: [^\n]+\n")
# Refused, by the strict allow list, each as the system would fail it.
case_expect_statuses(Failed other_unix other_address other_port other_udp other_udpmsg
  name_other_port name_not_listed name_listed_prod)
network_expect_refused(other_unix "unix:${sockets}/bad-1.sock" connect "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_line("unix ${sockets}/bad-1.sock: connect failed: Connection refused")
network_expect_refused(other_address 192.0.2.11:47100 connect "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_line("connect 192.0.2.11: connect failed: Connection refused")
network_expect_refused(other_port 192.0.2.10:47103 connect "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_refused(other_udp 192.0.2.11:47104 sendto "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_refused(other_udpmsg 192.0.2.11:47105 sendmsg "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_refused(name_other_port api.staging.example.com getaddrinfo "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_refused(name_not_listed api.example.org getaddrinfo "${not_allowed}" "not in NETWORK_ALLOW")
network_expect_line("resolve-port api.example.org: lookup failed: Name or service not known")
# The word rule before the allow list.
network_expect_refused(name_listed_prod prod-mirror.example.com getaddrinfo
  "the name holds \"prod\", a word of another environment \\(NETWORK_REFUSE\\)" "word \"prod\"")
case_expect_statuses(Failed staging_checklist)
network_expect_checklist(STRICT 8)
