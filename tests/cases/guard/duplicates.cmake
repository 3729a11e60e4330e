# A caller whose environment holds two entries of one checked name, as a
# program that builds an environment by hand can make: getenv and setenv see
# the first, a shell the last.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
add_test(NAME t COMMAND probe t --expect ENVIRONMENT=staging)
add_test(NAME shell COMMAND sh -c "test \"$ENVIRONMENT\" = staging")
