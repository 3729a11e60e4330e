# The vault variables are forced from AZURE_KEY_VAULT.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault
  VARIABLES AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/)
