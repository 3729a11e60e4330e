# The vault comes from the command line (-DCASE_VAULT), so that a
# reconfigure changes the policy.
if(NOT DEFINED CASE_VAULT)
  set(CASE_VAULT engram-staging-vault)
endif()
staging_tests_configure(AZURE_KEY_VAULT "${CASE_VAULT}")
add_test(NAME t COMMAND probe t --expect ENVIRONMENT=staging
  --expect "AZURE_KEY_VAULT_NAME=${CASE_VAULT}")
