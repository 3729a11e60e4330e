# The production vault: every test would read production's secrets.
staging_tests_configure(AZURE_KEY_VAULT engram-prod-vault)
