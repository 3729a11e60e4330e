# Each discovered test runs under the check program, with the label, the
# session fixture and the forced environment; those registered through
# add_staging_doctest carry every property their call gave them, and with
# ADD_LABELS 1 their suite as a label.
set(names plain "routes a message, then answers" "keeps [brackets] in its name"
  "belongs to a suite")
set(post "")
set(labelled "")
set(bare "")
foreach(name IN LISTS names)
  list(APPEND post "post.${name}@ctest")
  list(APPEND labelled "labelled.${name}")
  list(APPEND bare "bare.${name}")
endforeach()

json_listed_tests(listed)
list(LENGTH listed count)
if(NOT count EQUAL 15)
  case_fail("15 tests expected, listed ${count}: ${listed}")
endif()

set(check "^[^ ]*/StagingTests/staging_tests_check run --run-dir [^ ]+ --test ")
foreach(test IN LISTS post labelled bare)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" escaped "${test}")
  string(REGEX MATCH "^[a-z]+" binary "${test}")
  expect_json_test("${test}"
    COMMAND_MATCHES "${check}${escaped} -- [^ ]*/bin/${binary} --test-case="
    HAS LABELS staging
    HAS FIXTURES_REQUIRED staging_session
    HAS ENVIRONMENT ENVIRONMENT=staging
    HAS ENVIRONMENT AZURE_KEY_VAULT_NAME=engram-staging-vault
    HAS ENVIRONMENT AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/
    IS WORKING_DIRECTORY "${BUILD}")
endforeach()

foreach(test IN LISTS post)
  expect_json_test("${test}"
    HAS LABELS doctest HAS LABELS two-words LACKS LABELS router
    HAS FIXTURES_REQUIRED database
    HAS ENVIRONMENT X_ONE=1 HAS ENVIRONMENT "X_TWO=a;b c"
    IS TIMEOUT 60
    HAS RESOURCE_LOCK db HAS RESOURCE_LOCK cache)
endforeach()
foreach(test IN LISTS labelled bare)
  expect_json_test("${test}" LACKS LABELS doctest LACKS_NAME ENVIRONMENT X_TWO
    LACKS FIXTURES_REQUIRED database)
endforeach()
# ADD_LABELS 1: the suite of the one case that has one, and no other label.
expect_json_test("labelled.belongs to a suite" HAS LABELS router)
foreach(test IN ITEMS "labelled.plain" "bare.belongs to a suite")
  expect_json_test("${test}" LACKS LABELS router)
endforeach()

# doctest reads the name as a filter: the comma reaches it escaped, after the
# check program's "--" and the binary.
expect_json_test("post.routes a message, then answers@ctest"
  COMMAND_ELEMENT 8 "--test-case=routes a message\\, then answers")
expect_json_test("post.keeps [brackets] in its name@ctest"
  COMMAND_ELEMENT 8 "--test-case=keeps [brackets] in its name")
