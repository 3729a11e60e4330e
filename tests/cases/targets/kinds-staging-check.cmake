case_expect_statuses(Passed staging_session forced passed staging_checklist)
foreach(line IN ITEMS
    "Vault: engram-staging-vault"
    "AWS: AWS_PROFILE=engram-staging, AWS_REGION=eu-west-1, AWS_DEFAULT_REGION=eu-west-1, AWS_ACCOUNT_ID=123456789012"
    "Google Cloud: GOOGLE_CLOUD_PROJECT=engram-staging, CLOUDSDK_CORE_PROJECT=engram-staging, GOOGLE_APPLICATION_CREDENTIALS not set"
    "Kubernetes: KUBECONFIG=${BUILD}/kube/staging.kubeconfig, current-context engram-staging"
    "DATABASE_URL: DATABASE_URL=postgres://engram:***@db.staging.example.com:5432/engram (from the caller)"
    "SEARCH_URL: SEARCH_URL=https://search.staging.example.com/v1"
    "Target billing: BILLING_ACCOUNT=billing-staging"
    "AWS_SECRET_ACCESS_KEY: set (redacted)"
    "BILLING_TOKEN: set (redacted)")
  string(FIND "${STDOUT}" "${line}" at)
  if(at LESS 0)
    case_fail("the banner has no line: ${line}")
  endif()
endforeach()
canary_expect_not_in_output()
