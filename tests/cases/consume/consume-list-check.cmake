# Every test is staged: the check program runs it, with the label, the
# session and the forced variables, and no secret in its properties.
json_listed_tests(tests)
foreach(test IN LISTS tests)
  expect_json_test("${test}" HAS LABELS staging)
endforeach()
expect_json_test(staging_session HAS FIXTURES_SETUP staging_session)
expect_json_test(staging_checklist HAS FIXTURES_CLEANUP staging_session)
foreach(test consume_one consume_two)
  expect_json_test(${test}
    COMMAND_MATCHES "/StagingTests/([^ /]+/)?staging_tests_check run --run-dir [^ ]+ --test ${test} -- [^ ]*/probe ${test} "
    HAS FIXTURES_REQUIRED staging_session
    HAS ENVIRONMENT ENVIRONMENT=staging
    HAS ENVIRONMENT AZURE_KEY_VAULT_NAME=engram-staging-vault
    HAS ENVIRONMENT AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/
    LACKS_NAME ENVIRONMENT AZURE_AI_KEY)
endforeach()
expect_json_test(consume_two HAS LABELS smoke)
