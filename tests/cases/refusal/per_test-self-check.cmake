case_expect_statuses(Killed ${REFUSAL_PER_TEST_SELF})
case_expect_statuses(Passed staging_session clean same_environment reset_environment
  endpoint_fine)
case_expect_statuses(Failed staging_checklist)
case_expect_markers(EXIST clean same_environment reset_environment endpoint_fine
  ABSENT ${REFUSAL_PER_TEST_SELF})
set(prefix "StagingTests: test '")
set(expected
  "env_property' refused: ENVIRONMENT is 'uat', required 'staging'"
  "env_modification' refused: ENVIRONMENT is 'dev', required 'staging'"
  "env_unset' refused: ENVIRONMENT is not set, required 'staging'"
  "endpoint_property' refused: AZURE_AI_ENDPOINT is 'https://engram-prod-ai.example/': it contains the refused word 'prod' (REFUSE AZURE_AI_ENDPOINT MATCHES prod)")
if(PER_TEST_VARIANT STREQUAL "no_vault")
  # Without a vault in the policy a test inherits whatever vault it is
  # given, unless it names another environment.
  list(APPEND expected
    "vault_property' refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault': it contains the refused word 'prod' (it names another environment than staging)"
    "url_modification' refused: AZURE_KEYVAULT_URL is 'https://engram-prod-vault.vault.azure.net/': it contains the refused word 'prod' (its host or query names another environment than staging)")
else()
  list(APPEND expected
    "vault_property' refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault', required 'engram-staging-vault'"
    "url_modification' refused: AZURE_KEYVAULT_URL is 'https://engram-prod-vault.vault.azure.net/', required 'https://engram-staging-vault.vault.azure.net/'")
endif()
foreach(line IN LISTS expected)
  string(FIND "${STDOUT}" "${prefix}${line}\n" at)
  if(at LESS 0)
    case_fail("the output does not hold: ${prefix}${line}")
  endif()
endforeach()
