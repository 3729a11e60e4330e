# A vault that does not say it belongs to the enforced environment.
staging_tests_configure(AZURE_KEY_VAULT engram-vault)
