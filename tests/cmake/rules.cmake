# The CMake twins of the rules (cmake/StagingTestsRules.cmake). The unit test
# tests/unit/rules_agree_test.cpp pins them to the C++ originals on a shared
# corpus; these pin the cases that matter most to the configure.
include("${CMAKE_CURRENT_LIST_DIR}/Assert.cmake")

foreach(row IN ITEMS
    "https://engram-prod-ai.example/|prod|TRUE"
    "PROD_EU|prod|TRUE"
    "eu.prod|prod|TRUE"
    "productivity|prod|FALSE"
    "reprod|prod|FALSE"
    "engram-staging-vault|staging|TRUE"
    "engram-stagingvault|staging|FALSE"
    "v-1.2|1.2|TRUE"
    "v1.2|1.2|FALSE"
    "v-1x2|1.2|FALSE"
    "|prod|FALSE"
    "prod||FALSE")
  string(REPLACE "|" ";" row "${row}")
  list(GET row 0 text)
  list(GET row 1 word)
  list(GET row 2 expected)
  _staging_contains_word(found "${text}" "${word}")
  expect_equal("${found}" "${expected}" "contains_word([${text}], [${word}])")
endforeach()

string(ASCII 9 tab)
string(ASCII 11 vertical_tab)
string(ASCII 12 form_feed)
foreach(value IN ITEMS "staging" " Staging " "STAGING\n" "${tab}staging${vertical_tab}${form_feed}")
  _staging_same_environment(same "${value}" staging)
  expect_true("${same}" "same_environment([${value}], staging)")
endforeach()
foreach(value IN ITEMS "" "stage" "staging2" "production")
  _staging_same_environment(same "${value}" staging)
  expect_false("${same}" "same_environment([${value}], staging)")
endforeach()

_staging_environment_among(among " QA " staging qa)
expect_true("${among}" "environment_among([ QA ], staging qa)")
_staging_environment_among(among "qa" staging)
expect_false("${among}" "environment_among([qa], staging)")
_staging_environment_among(among "staging")
expect_false("${among}" "environment_among([staging]) with no names")

# The words of other environments, skipping the enforced one's own.
_staging_environment_word_in(word row "engram-prod-vault" staging)
expect_equal("${word}|${row}" "prod|prod" "the word and row of engram-prod-vault")
_staging_environment_word_in(word row "acme-test-vault" test)
expect_equal("${word}" "" "an environment named test is not refused for its own word")
_staging_environment_word_in(word row "uat.example" staging)
expect_equal("${row}" "uat" "uat's row")

foreach(name IN ITEMS AZURE_AI_KEY my_token DB_PASSWORD_FILE api_secret DECLARED)
  _staging_is_secret_name(secret "${name}" "DECLARED;OTHER")
  expect_true("${secret}" "[${name}] is a secret")
endforeach()
foreach(name IN ITEMS AZURE_AI_ENDPOINT KEYRING TOKENS_LEFT)
  _staging_is_secret_name(secret "${name}" "DECLARED")
  expect_false("${secret}" "[${name}] is not a secret")
endforeach()

_staging_vault_url_rule(prefix suffix)
expect_equal("${prefix}engram-staging-vault${suffix}"
  "https://engram-staging-vault.vault.azure.net/" "the vault URL shape")

assert_report()
