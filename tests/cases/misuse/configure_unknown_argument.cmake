# The vault keyword misremembered: the policy would have had no vault.
staging_tests_configure(ENVIRONMENT staging VAULT engram-staging-vault)
