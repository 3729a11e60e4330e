# Azure refuses '_' in vault names.
staging_tests_configure(AZURE_KEY_VAULT engram_staging_vault)
