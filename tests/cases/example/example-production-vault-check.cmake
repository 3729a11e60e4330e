# The backend with ENGRAM_DEMO_PRODUCTION_VAULT: the test that reaches for
# the production vault is refused by the network guard and fails although
# its body passed; the checklist lists the refusal and fails; every other
# test passes, the staging vault's test among them.
set(demo "TestProductionVault.test_memory_client_reaches_the_production_vault")
set(prod_host "engram-prod-vault\\.vault\\.azure\\.net")

case_expect_match(STDOUT "Network guard: host names holding uat, prod, production, prd, live unreachable")
case_expect_match(STDOUT "✓ Confirmed: Running tests against STAGING environment")

# The guard's message names the test, the host, the call and the word, and
# gives the fix.
case_expect_match(STDOUT "StagingTests: test '${demo}' may not reach ${prod_host} \\(getaddrinfo\\): the name holds \"prod\", a word of another environment \\(NETWORK_REFUSE\\)\\.\n")
case_expect_match(STDOUT "\nFix: [^\n]+")
# The call failed as for a name that does not exist, and the test body,
# which catches that, passed by its own measure.
case_expect_match(STDOUT "vault: ${prod_host}:443 unreachable \\(lookup failed: [^\n]+\\)")
case_expect_match(STDOUT "\\[       OK \\] ${demo}")
case_expect_statuses(Failed "${demo}" staging_checklist)

# The checklist's line for the refusal.
case_expect_match(STDOUT "✗ Network guard \\(NETWORK WORDS\\): refused 1: ${demo}: ${prod_host} \\(word \"prod\"\\)")

# The staging vault is not refused, and its tests and the rest pass.
case_expect_no_match(STDOUT "may not reach engram-staging-vault")
case_expect_statuses(Passed staging_session
  TestVaultClient.test_host_is_the_configured_vault_host
  TestVaultClient.test_reaches_the_configured_vault_host
  TestVaultClient.test_unreachable_vault_is_service_unavailable)
case_expect_match(STDOUT "[0-9]+% tests passed, 2 tests failed out of [0-9]+\n")
