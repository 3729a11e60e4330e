# Every test the project registered, whichever way, runs under the check
# program with the label, the session fixture and every forced entry; the
# toolkit's two tests share the invocation's run directory.
set(routes ${CORE_ROUTES})
json_listed_tests(names)
list(REMOVE_ITEM names staging_session staging_checklist)
set(unexpected "${names}")
list(REMOVE_ITEM unexpected ${routes})
if(unexpected)
  case_fail("tests listed that the project did not register: ${unexpected}")
endif()
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" build "${BUILD}")
set(check "${build}/StagingTests/([A-Za-z]+/)?staging_tests_check")
set(run_dir "${build}/StagingTests/runs/[0-9]+T[0-9]+-[A-Za-z0-9]+")
foreach(name IN LISTS routes)
  expect_json_test(${name}
    COMMAND_MATCHES "^${check} run --run-dir ${run_dir} --test ${name} -- [^ ]*/probe ${name} "
    HAS LABELS staging
    HAS FIXTURES_REQUIRED staging_session
    HAS ENVIRONMENT ENVIRONMENT=staging
    HAS ENVIRONMENT AZURE_KEY_VAULT_NAME=engram-staging-vault
    HAS ENVIRONMENT AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/
    HAS ENVIRONMENT "ODD=a;b")
endforeach()
expect_json_test(elsewhere ABSENT)
expect_json_test(staging_session COMMAND_MATCHES "^${check} session --run-dir ${run_dir}$"
  HAS FIXTURES_SETUP staging_session)
expect_json_test(staging_checklist COMMAND_MATCHES "^${check} checklist --run-dir ${run_dir}$"
  HAS FIXTURES_CLEANUP staging_session)

# One run directory for the whole invocation.
string(REGEX MATCHALL "/StagingTests/runs/[^\"]+\"" dirs "${STDOUT}")
list(REMOVE_DUPLICATES dirs)
list(LENGTH dirs count)
if(NOT count EQUAL 1)
  case_fail("the tests name ${count} run directories: ${dirs}")
endif()

# What add_staging_test's keywords gave the exact path, on top of staging.
expect_json_test(exact
  COMMAND_MATCHES " -- [^ ]*/probe exact .* --expect EXTRA=1$"
  HAS LABELS extra
  HAS ENVIRONMENT EXTRA=1
  HAS FIXTURES_REQUIRED extra_fixture
  IS TIMEOUT 60
  IS WORKING_DIRECTORY "${BUILD}/CMakeFiles")
expect_json_test(extra_setup HAS FIXTURES_SETUP extra_fixture)
expect_json_test(expanded COMMAND_MATCHES " -- [^ ]*/probe expanded --expect ENVIRONMENT=staging$")
