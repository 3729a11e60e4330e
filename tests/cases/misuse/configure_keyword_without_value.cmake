# A vault keyword without its vault (an unset variable, say).
staging_tests_configure(AZURE_KEY_VAULT)
