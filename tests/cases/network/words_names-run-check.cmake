network_read()
case_expect_match(OUT "\nNetwork guard: host names holding uat, prod, production, prd, live (refused|unreachable); loopback reachable\n")
set(word_reason "the name holds \"(prod|uat)\", a word of another environment \\(NETWORK_REFUSE\\)")
set(error_resolve "lookup failed: Name or service not known")  # EAI_NONAME, as for an unknown name
set(error_hostbyname "Unknown host")                            # HOST_NOT_FOUND
set(error_resquery "Unknown host")
set(call_resolve getaddrinfo)
set(call_hostbyname gethostbyname)
set(call_resquery res_query)
foreach(call IN ITEMS resolve hostbyname resquery)
  # Refused: the test fails although netprobe exits 0 (expect-fail holds:
  # the call failed as the system fails an unknown name).
  case_expect_statuses(Failed ${call}_vault ${call}_uat ${call}_dot)
  network_expect_refused(${call}_vault engram-prod-vault.vault.azure.net ${call_${call}}
    "the name holds \"prod\", a word of another environment \\(NETWORK_REFUSE\\)" "word \"prod\"")
  network_expect_refused(${call}_uat api.uat.example.com ${call_${call}}
    "the name holds \"uat\", a word of another environment \\(NETWORK_REFUSE\\)" "word \"uat\"")
  network_expect_refused(${call}_dot PROD.example.com. ${call_${call}}
    "the name holds \"prod\", a word of another environment \\(NETWORK_REFUSE\\)" "word \"prod\"")
  network_expect_line("${call} engram-prod-vault.vault.azure.net: ${error_${call}}")
  network_expect_line("${call} api.uat.example.com: ${error_${call}}")
  network_expect_line("${call} PROD.example.com.: ${error_${call}}")
  # Not refused: looked up (which fails offline, or not), the test passes.
  case_expect_statuses(Passed ${call}_products ${call}_dev_azure)
  network_expect_not_refused(${call}_products)
  network_expect_not_refused(${call}_dev_azure)
  case_expect_match(OUT "\nnetprobe: ${call} products\\.example\\.com: [^\n]+\n")
  case_expect_match(OUT "\nnetprobe: ${call} dev\\.azure\\.com: [^\n]+\n")
endforeach()
# Caught and exited 0: failed all the same; a shell running it saw status 1.
case_expect_statuses(Failed caught)
network_expect_refused(caught engram-prod-db.example.com getaddrinfo "${word_reason}" "word \"prod\"")
case_expect_statuses(Passed caught_status)
network_expect_refused(caught_status engram-prod-db.example.com getaddrinfo "${word_reason}" "word \"prod\"")
network_expect_line("status 1")
case_expect_statuses(Passed staging_session)
case_expect_statuses(Failed staging_checklist)
network_expect_checklist(WORDS 11)
