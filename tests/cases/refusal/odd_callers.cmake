# Odd values of the caller's ENVIRONMENT, through the ctest-time guard and
# the check program. `stg` is an allowed alias: the tests still get the
# enforced name.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault ALLOWED stg)
add_staging_test(NAME odd_one COMMAND probe odd_one --expect ENVIRONMENT=staging
  --expect AZURE_KEY_VAULT_NAME=engram-staging-vault)
