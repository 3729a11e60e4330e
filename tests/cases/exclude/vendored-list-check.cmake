string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" build "${BUILD}")
set(check "^${build}/StagingTests/staging_tests_check run --run-dir [^ ]+")
foreach(name IN LISTS EXCLUDE_STAGED)
  expect_json_test(${name}
    COMMAND_MATCHES "${check} --test ${name} -- [^ ]*/probe ${name} "
    HAS LABELS staging
    HAS FIXTURES_REQUIRED staging_session
    LAST ENVIRONMENT ENVIRONMENT =staging)
endforeach()
# Outside the suite: no label, no session, still under the check program
# (--outside) with the forced entries last, after the test's own.
foreach(name IN LISTS EXCLUDE_OUTSIDE vendored_failing)
  expect_json_test(${name}
    COMMAND_MATCHES "${check} --test ${name} --outside -- [^ ]*/probe ${name}( |$)"
    LACKS LABELS staging
    LACKS FIXTURES_REQUIRED staging_session
    LAST ENVIRONMENT ENVIRONMENT =staging
    LAST ENVIRONMENT AZURE_KEY_VAULT_NAME =engram-staging-vault)
endforeach()
expect_json_test(vendored_environment HAS ENVIRONMENT ENVIRONMENT=production HAS ENVIRONMENT OWN=1)
foreach(name IN ITEMS vendored_modification vendored_unset)
  expect_json_test(${name}
    LAST ENVIRONMENT_MODIFICATION ENVIRONMENT =set:staging)
endforeach()
expect_json_test(vendored_modification
  LAST ENVIRONMENT_MODIFICATION AZURE_KEY_VAULT_NAME =set:engram-staging-vault)
