# Azure refuses vault names longer than 24 characters.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault-westeurope)
