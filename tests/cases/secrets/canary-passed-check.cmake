canary_expect_not_in_output()
case_expect_statuses(Passed ${SECRETS_CANARY_TESTS})
case_expect_markers(EXIST canary_key canary_token canary_password canary_declared)
# The banner says which are set, never their values.
foreach(name AZURE_AI_KEY ENGRAM_SERVICE_TOKEN ENGRAM_DB_PASSWORD ENGRAM_DB_CONNECTION)
  case_expect_match(STDERR "\n${name}: set \\(redacted\\)\n")
endforeach()
case_expect_match(STDERR "\nAZURE_AI_ENDPOINT: set\n")
