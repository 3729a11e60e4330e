# A target of every kind, configured in one call: the vault, AWS, Google
# Cloud, Kubernetes, a passed-through database URL, a forced service URL
# and a project's own TARGET. CASE_VARIANT=force overrides callers instead
# of refusing them.
set(kinds_kubeconfig "${CMAKE_CURRENT_BINARY_DIR}/kube/staging.kubeconfig")
if(NOT EXISTS "${kinds_kubeconfig}")
  file(WRITE "${kinds_kubeconfig}" "apiVersion: v1\nkind: Config\ncurrent-context: engram-staging\n")
endif()
set(kinds_mismatch FAIL)
if(CASE_VARIANT STREQUAL "force")
  set(kinds_mismatch FORCE)
endif()
staging_tests_configure(
  ON_MISMATCH ${kinds_mismatch}
  AZURE_KEY_VAULT engram-staging-vault
  AWS PROFILE engram-staging REGION eu-west-1 ACCOUNT_ID 123456789012
  GOOGLE_CLOUD PROJECT engram-staging
  KUBERNETES KUBECONFIG "${kinds_kubeconfig}" CONTEXT engram-staging
  SERVICE_URLS DATABASE_URL SEARCH_URL=https://search.staging.example.com/v1
  TARGET billing NAME BILLING_ACCOUNT=billing-staging SECRET BILLING_TOKEN)

# Inside a test: every forced value, whatever the caller had.
add_staging_test(NAME forced COMMAND probe forced
  --expect AWS_PROFILE=engram-staging --expect AWS_REGION=eu-west-1
  --expect AWS_DEFAULT_REGION=eu-west-1 --expect AWS_ACCOUNT_ID=123456789012
  --expect GOOGLE_CLOUD_PROJECT=engram-staging --expect CLOUDSDK_CORE_PROJECT=engram-staging
  "--expect" "KUBECONFIG=${kinds_kubeconfig}"
  --expect SEARCH_URL=https://search.staging.example.com/v1
  --expect BILLING_ACCOUNT=billing-staging
  --expect AZURE_KEY_VAULT_NAME=engram-staging-vault)
# What the caller passes on arrives as it was, the secrets included.
add_staging_test(NAME passed COMMAND probe passed
  --expect-set DATABASE_URL --expect-set AWS_SECRET_ACCESS_KEY --expect-set BILLING_TOKEN)
set_tests_properties(passed PROPERTIES LABELS passed)
# A test that points itself at another profile is refused.
add_staging_test(NAME flips COMMAND probe flips)
set_tests_properties(flips PROPERTIES LABELS flips
  ENVIRONMENT_MODIFICATION "AWS_PROFILE=set:engram-prod")
