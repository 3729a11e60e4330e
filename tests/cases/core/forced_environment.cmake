# The forced variables, one VARIABLES value holding a ';', and the default
# pass-through variables. Every test checks what it sees: a staging test
# and a plain one, and one comparing the pass-through variable with the
# copy the case exports under another name (its value must appear nowhere
# in the build tree, so no test command may hold it).
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault VARIABLES "ODD=a;b" PLAIN=1)
# (The ';' value is written out in each call: a list variable would split it.)
set(forced --expect ENVIRONMENT=staging --expect AZURE_KEY_VAULT_NAME=engram-staging-vault
  --expect AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/ --expect PLAIN=1)
add_staging_test(NAME staging_forced COMMAND probe staging_forced ${forced} --expect "ODD=a;b")
add_test(NAME plain_forced COMMAND probe plain_forced ${forced} --expect "ODD=a;b")
add_test(NAME passed_through COMMAND sh -c
  "test \"\${AZURE_AI_ENDPOINT-unset}\" = \"\${CASE_ENDPOINT-unset}\" && test \"\${AZURE_AI_KEY-unset}\" = \"\${CASE_KEY-unset}\"")
