# Policy validation and storage (cmake/StagingTestsPolicy.cmake): what is
# stored, and every refusal's message.
include("${CMAKE_CURRENT_LIST_DIR}/Assert.cmake")

_staging_make_policy("defaults")
foreach(pair IN ITEMS "ENFORCED|staging" "ALLOWED|staging" "VAULT|" "ON_MISMATCH|FAIL"
    "LABEL|staging" "FIXTURE|staging_session" "CHECKLIST|staging_checklist"
    "PASS_THROUGH|AZURE_AI_ENDPOINT;AZURE_AI_KEY" "FORCED|ENVIRONMENT=staging")
  string(FIND "${pair}" "|" at)
  string(SUBSTRING "${pair}" 0 ${at} key)
  math(EXPR start "${at} + 1")
  string(SUBSTRING "${pair}" ${start} -1 expected)
  _staging_policy(value ${key})
  expect_equal("${value}" "${expected}" "default ${key}")
endforeach()
_staging_policy(id ID)
string(LENGTH "${id}" length)
expect_equal("${length}" 16 "the policy id's length")

# Encoded values, as the public functions pass them.
_staging_encoding_constants()
set(value_with_semicolon "Q=a;b")
set(encoded "")
_staging_append_encoded(encoded value_with_semicolon)
_staging_make_policy("full" ENVIRONMENT staging ALLOWED Staging stage AZURE_KEY_VAULT engram-staging-vault
  VARIABLES ${encoded} PASS_THROUGH AZURE_AI_ENDPOINT SECRETS MY_SECRET
  REFUSE AZURE_AI_ENDPOINT MATCHES prod production ON_MISMATCH FORCE)
_staging_policy(allowed ALLOWED)
expect_equal("${allowed}" "staging;stage" "ALLOWED without case duplicates")
_staging_policy(forced FORCED)
list(LENGTH forced count)
expect_equal("${count}" 4 "the forced entries (ENVIRONMENT, two vault variables, Q)")
list(GET forced 2 url)
expect_equal("${url}" "AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/" "the vault URL")
list(GET forced 3 last)
_staging_decode(last "${last}")
expect_equal("${last}" "Q=a;b" "a VARIABLES value with ';'")
_staging_policy(pass_through PASS_THROUGH)
expect_equal("${pass_through}" "AZURE_AI_ENDPOINT;MY_SECRET" "SECRETS are passed through")
_staging_policy(refuse REFUSE)
expect_equal("${refuse}" "AZURE_AI_ENDPOINT=prod;AZURE_AI_ENDPOINT=production" "REFUSE rules")
_staging_policy(other_id ID)
if(other_id STREQUAL id)
  set_property(GLOBAL APPEND PROPERTY ASSERT_FAILURES "two different policies share an id")
endif()

# One line each: the arguments of _staging_make_policy and the message.
foreach(row IN ITEMS
    "ENVIRONMENT production|ENVIRONMENT \"production\" names a refused environment (\"production\")."
    "ENVIRONMENT st@ging|ENVIRONMENT \"st@ging\" is not an environment name."
    "ALLOWED uat|ALLOWED \"uat\" names a refused environment (\"uat\")."
    "AZURE_KEY_VAULT ab|AZURE_KEY_VAULT \"ab\" is not a Key Vault name."
    "AZURE_KEY_VAULT engram-prod-vault|AZURE_KEY_VAULT \"engram-prod-vault\" belongs to a refused environment (\"prod\")."
    "AZURE_KEY_VAULT engram-vault|AZURE_KEY_VAULT \"engram-vault\" does not belong to the enforced environment \"staging\"."
    "ON_MISMATCH IGNORE|ON_MISMATCH \"IGNORE\" is not FAIL or FORCE."
    "LABEL a^b|LABEL \"a^b\" is not a plain label."
    "FIXTURE a/b|FIXTURE \"a/b\" is not a plain name."
    "VARIABLES NOEQUALS|VARIABLES entry \"NOEQUALS\" has no '='."
    "VARIABLES ENVIRONMENT=x|VARIABLES entry ENVIRONMENT is already forced."
    "VARIABLES API_KEY=x|VARIABLES entry API_KEY gives a secret or pass-through variable a value."
    "VARIABLES STAGING_TESTS_X=1|VARIABLES entry STAGING_TESTS_X is one of the variables StagingTests sets for itself."
    "PASS_THROUGH 1bad|PASS_THROUGH \"1bad\" is not a variable name."
    "REFUSE AZURE_AI_ENDPOINT|REFUSE \"AZURE_AI_ENDPOINT\" is not followed by MATCHES."
    "REFUSE AZURE_AI_ENDPOINT MATCHES|REFUSE AZURE_AI_ENDPOINT MATCHES has no word."
    "REFUSE MATCHES prod|REFUSE has MATCHES without a variable name before it."
    "REFUSE AZURE_AI_ENDPOINT MATCHES -x|REFUSE AZURE_AI_ENDPOINT MATCHES \"-x\": not a word."
    "REFUSE AZURE_AI_ENDPOINT MATCHES staging|REFUSE AZURE_AI_ENDPOINT MATCHES staging refuses the allowed environment \"staging\"."
    "VARIABLES FORCED_ONE=1 REFUSE FORCED_ONE MATCHES prod|REFUSE FORCED_ONE: FORCED_ONE is forced, not passed through."
    "REFUSE OTHER MATCHES prod|REFUSE OTHER: OTHER is not a PASS_THROUGH variable."
    "EXCLUDE_DIRECTORIES does/not/exist|EXCLUDE_DIRECTORIES \"/tmp/does/not/exist\" is not a directory.")
  string(FIND "${row}" "|" at)
  string(SUBSTRING "${row}" 0 ${at} arguments)
  math(EXPR start "${at} + 1")
  string(SUBSTRING "${row}" ${start} -1 message)
  expect_failure("_staging_make_policy(\"call()\" BASE_DIRECTORY /tmp ${arguments})"
    "call(): ${message}")
endforeach()

assert_report()
