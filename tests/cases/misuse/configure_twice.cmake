# Two policies in one build tree: which one would a test get?
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
staging_tests_configure(ENVIRONMENT staging)
