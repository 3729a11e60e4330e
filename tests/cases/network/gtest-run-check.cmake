network_read()
case_expect_statuses(Passed staging_session Network.Loopback)
network_expect_not_refused(Network.Loopback)
case_expect_statuses(Failed Network.ReachesProduction staging_checklist)
network_expect_refused(Network.ReachesProduction engram-prod-db.example.com getaddrinfo
  "the name holds \"prod\", a word of another environment \\(NETWORK_REFUSE\\)" "word \"prod\"")
# The case's own assertion held: the refusal looked like an unknown name.
network_expect_line("gtest lookup status EAI_NONAME")
case_expect_match(OUT "\n\\[       OK \\] Network\\.ReachesProduction ")
network_expect_checklist(WORDS 1)
