# ConsumeSuite.cmake: the suite of the consume cases, included after a case
# has made the toolkit available its own way (see acquire/). The consume
# area's expectation files check these two tests, their labels and forced
# variables.
include("${CMAKE_CURRENT_LIST_DIR}/CaseCommon.cmake")

staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
add_staging_test(NAME consume_one COMMAND probe consume_one
  --expect ENVIRONMENT=staging
  --expect AZURE_KEY_VAULT_NAME=engram-staging-vault
  --expect AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/)
add_staging_test(NAME consume_two COMMAND probe consume_two --expect ENVIRONMENT=staging
  LABELS smoke)
