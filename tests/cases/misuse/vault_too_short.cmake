# Azure refuses vault names shorter than 3 characters.
staging_tests_configure(AZURE_KEY_VAULT kv)
