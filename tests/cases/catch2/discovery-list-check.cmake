# Each discovered test runs under the check program, with the label, the
# session fixture and the forced environment; those registered through
# add_staging_catch carry every property their call gave them.
set(names plain "routes a message, then answers" "keeps [brackets] in its name")
set(escaped_names plain "routes a message\\, then answers" "keeps \\[brackets\\] in its name")
set(through_toolkit "")
set(bare "")
foreach(name IN LISTS names)
  list(APPEND through_toolkit "post.${name}")
  list(APPEND bare "bare.${name}")
  if(CATCH2_VERSION STREQUAL "v3")
    list(APPEND through_toolkit "pre.${name}@ctest")
  endif()
endforeach()
set(shards "")
if(CATCH2_VERSION STREQUAL "v3")
  set(shards sharded-shard-0/2 sharded-shard-1/2 sharded-shard-2/2)
endif()

json_listed_tests(listed)
list(LENGTH listed count)
list(LENGTH through_toolkit a)
list(LENGTH bare b)
list(LENGTH shards c)
math(EXPR expected "${a} + ${b} + ${c} + 3")
if(NOT count EQUAL expected)
  case_fail("${expected} tests expected, listed ${count}: ${listed}")
endif()

set(check "^[^ ]*/StagingTests/staging_tests_check run --run-dir [^ ]+ --test ")
foreach(test IN LISTS through_toolkit bare shards)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" escaped "${test}")
  string(REGEX MATCH "^[a-z]+" binary "${test}")
  expect_json_test("${test}"
    COMMAND_MATCHES "${check}${escaped} -- [^ ]*/bin/${binary}( |$)"
    HAS LABELS staging
    HAS FIXTURES_REQUIRED staging_session
    HAS ENVIRONMENT ENVIRONMENT=staging
    HAS ENVIRONMENT AZURE_KEY_VAULT_NAME=engram-staging-vault
    HAS ENVIRONMENT AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/)
endforeach()

foreach(test IN LISTS through_toolkit)
  expect_json_test("${test}"
    HAS LABELS catch2 HAS LABELS two-words
    HAS FIXTURES_REQUIRED database
    HAS ENVIRONMENT X_ONE=1 HAS ENVIRONMENT "X_TWO=a;b c"
    IS TIMEOUT 60
    HAS RESOURCE_LOCK db HAS RESOURCE_LOCK cache)
endforeach()
foreach(test IN LISTS bare shards)
  expect_json_test("${test}" LACKS LABELS catch2 LACKS_NAME ENVIRONMENT X_TWO)
endforeach()

# Catch2 reads the name as a test spec: the comma and the brackets reach it
# escaped, after the check program's "--" and the binary.
foreach(i RANGE 2)
  list(GET names ${i} name)
  list(GET escaped_names ${i} escaped_name)
  expect_json_test("post.${name}" COMMAND_ELEMENT 8 "${escaped_name}")
endforeach()
