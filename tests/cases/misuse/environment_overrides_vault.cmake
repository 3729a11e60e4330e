# A test pointed at another Key Vault than the policy's, in a project that
# declared its policy first (as every project should).
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT AZURE_KEY_VAULT_NAME=engram-prod-vault)
