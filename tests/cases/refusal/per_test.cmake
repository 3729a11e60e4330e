# The per-test check: a test whose own ENVIRONMENT or
# ENVIRONMENT_MODIFICATION property changes a forced variable, or gives a
# pass-through variable a refused value, is refused naming itself and both
# values; tests that keep the policy pass. -DCASE_VARIANT picks the policy:
# the vault and FAIL (default), the vault and FORCE, or no vault.
set(refuse REFUSE AZURE_AI_ENDPOINT MATCHES prod production AZURE_AI_KEY MATCHES prod)
set(vault_expectations
  --expect AZURE_KEY_VAULT_NAME=engram-staging-vault
  --expect AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/)
if(CASE_VARIANT STREQUAL "force")
  staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault ON_MISMATCH FORCE ${refuse})
elseif(CASE_VARIANT STREQUAL "no_vault")
  staging_tests_configure(${refuse})
  set(vault_expectations "")
else()
  staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault ${refuse})
endif()

add_staging_test(NAME clean COMMAND probe clean --expect ENVIRONMENT=staging ${vault_expectations})

# Neighbours whose properties keep to the policy.
add_test(NAME same_environment COMMAND probe same_environment --expect "ENVIRONMENT= STAGING")
add_test(NAME reset_environment COMMAND probe reset_environment --expect ENVIRONMENT=staging)
add_test(NAME endpoint_fine COMMAND probe endpoint_fine
  --expect AZURE_AI_ENDPOINT=https://productivity.example/reprod)
set_tests_properties(same_environment PROPERTIES ENVIRONMENT "ENVIRONMENT= STAGING")
set_tests_properties(reset_environment PROPERTIES ENVIRONMENT_MODIFICATION "ENVIRONMENT=reset:")
set_tests_properties(endpoint_fine PROPERTIES
  ENVIRONMENT "AZURE_AI_ENDPOINT=https://productivity.example/reprod")

# Tests that change the policy for themselves, labelled `self` so that the
# caller's steps can leave them out.
foreach(test env_property env_modification env_unset vault_property url_modification
    endpoint_property)
  add_test(NAME ${test} COMMAND probe ${test})
  set_tests_properties(${test} PROPERTIES LABELS self)
endforeach()
set_tests_properties(env_property PROPERTIES ENVIRONMENT "ENVIRONMENT=uat")
set_tests_properties(env_modification PROPERTIES ENVIRONMENT_MODIFICATION "ENVIRONMENT=set:dev")
set_tests_properties(env_unset PROPERTIES ENVIRONMENT_MODIFICATION "ENVIRONMENT=unset:")
set_tests_properties(vault_property PROPERTIES ENVIRONMENT "AZURE_KEY_VAULT_NAME=engram-prod-vault")
set_tests_properties(url_modification PROPERTIES ENVIRONMENT_MODIFICATION
  "AZURE_KEYVAULT_URL=set:https://engram-prod-vault.vault.azure.net/")
set_tests_properties(endpoint_property PROPERTIES
  ENVIRONMENT "AZURE_AI_ENDPOINT=https://engram-prod-ai.example/")
