# A forced variable has the policy's value in every test: there is nothing to
# judge.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault
  REFUSE AZURE_KEY_VAULT_NAME MATCHES prod)
