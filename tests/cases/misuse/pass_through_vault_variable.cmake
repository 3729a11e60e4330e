# Passing the vault's name through would let the caller choose the vault.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault
  PASS_THROUGH AZURE_AI_ENDPOINT AZURE_AI_KEY AZURE_KEY_VAULT_NAME)
