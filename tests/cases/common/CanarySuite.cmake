# CanarySuite.cmake: the suite of the secrets/canary_<mode> cases, included
# after a case has made the toolkit available its own way (see acquire/).
#
# Secrets reach these tests by inheritance only. Each test proves that its
# secret arrived (probe --expect-set; the GoogleTest cases compare a hash,
# CANARY_FNV1A, so the value itself is never in the build tree) while the
# case's steps check that the value appears in no output and, at the end, in
# no file under the case's work directory.
include("${CMAKE_CURRENT_LIST_DIR}/CaseCommon.cmake")

staging_tests_configure(
  AZURE_KEY_VAULT engram-staging-vault
  PASS_THROUGH AZURE_AI_ENDPOINT AZURE_AI_KEY ENGRAM_SERVICE_TOKEN ENGRAM_DB_PASSWORD
  SECRETS ENGRAM_DB_CONNECTION)

add_staging_test(NAME canary_key COMMAND probe canary_key --expect-set AZURE_AI_KEY)
add_staging_test(NAME canary_token COMMAND probe canary_token --expect-set ENGRAM_SERVICE_TOKEN)
add_staging_test(NAME canary_password COMMAND probe canary_password
  --expect-set ENGRAM_DB_PASSWORD)
add_staging_test(NAME canary_declared COMMAND probe canary_declared
  --expect-set ENGRAM_DB_CONNECTION)

find_package(GTest REQUIRED)
add_executable(canary_gtest "${CMAKE_CURRENT_LIST_DIR}/canary_gtest.cpp")
target_link_libraries(canary_gtest PRIVATE GTest::gtest_main)
target_compile_definitions(canary_gtest PRIVATE "CANARY_FNV1A=${CANARY_FNV1A}ULL")
add_staging_gtest(canary_gtest)
