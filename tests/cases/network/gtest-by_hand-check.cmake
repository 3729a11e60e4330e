# The guard's refusal, with the binary's own name for the test, and the
# case's own assertion passing (the guard fails the process, not the case).
case_expect_match(STDOUT "StagingTests: test 'network_test' may not reach engram-prod-db\\.example\\.com \\(getaddrinfo\\): the name holds \"prod\"")
case_expect_match(STDOUT "\\[       OK \\] Network\\.ReachesProduction")
