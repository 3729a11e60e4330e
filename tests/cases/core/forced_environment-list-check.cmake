# The forced entries are the tests' own properties; the pass-through
# variables are not among them.
foreach(name IN ITEMS staging_forced plain_forced passed_through)
  expect_json_test(${name}
    HAS ENVIRONMENT ENVIRONMENT=staging
    HAS ENVIRONMENT AZURE_KEY_VAULT_NAME=engram-staging-vault
    HAS ENVIRONMENT AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/
    HAS ENVIRONMENT "ODD=a;b"
    HAS ENVIRONMENT PLAIN=1
    LACKS_NAME ENVIRONMENT AZURE_AI_ENDPOINT
    LACKS_NAME ENVIRONMENT AZURE_AI_KEY)
endforeach()
