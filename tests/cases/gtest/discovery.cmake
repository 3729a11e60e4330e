# Every way GoogleTest cases reach ctest: add_staging_gtest with either
# discovery mode, a prefix and a suffix, extra labels, an environment whose
# values hold ';', quotes and '$', a fixture of the project's and further
# properties (a list among them, which gtest_discover_tests(PROPERTIES)
# would break on CMake 3.29 and older); and, not through the toolkit, a bare
# gtest_discover_tests and gtest_add_tests, which the ctest-time guard
# stages all the same.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
include(GoogleTest)

add_test(NAME database_up COMMAND probe database_up --expect ENVIRONMENT=staging)
set_tests_properties(database_up PROPERTIES FIXTURES_SETUP database)

function(case_discovery_binary name extras)
  add_executable(${name} discovery_test.cpp)
  target_link_libraries(${name} PRIVATE GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\""
    "CASE_BINARY=\"${name}\"" CASE_EXTRAS=${extras})
endfunction()

# Written out for each: a list variable would split the ';' in the values.
case_discovery_binary(post_build 1)
add_staging_gtest(post_build DISCOVERY_MODE POST_BUILD TEST_PREFIX "post."
  LABELS gtest two-words
  ENVIRONMENT "X_ONE=1" "X_TWO=a;b c" "X_QUOTED=\"q\" $HOME 'x'"
  FIXTURES_REQUIRED database
  PROPERTIES TIMEOUT 60 RESOURCE_LOCK "db;cache")

case_discovery_binary(pre_test 1)
add_staging_gtest(pre_test DISCOVERY_MODE PRE_TEST TEST_PREFIX "pre." TEST_SUFFIX "@ctest"
  LABELS gtest two-words
  ENVIRONMENT "X_ONE=1" "X_TWO=a;b c" "X_QUOTED=\"q\" $HOME 'x'"
  FIXTURES_REQUIRED database
  PROPERTIES TIMEOUT 60 RESOURCE_LOCK "db;cache")

case_discovery_binary(bare 0)
gtest_discover_tests(bare TEST_PREFIX "bare.")

case_discovery_binary(added 0)
gtest_add_tests(TARGET added TEST_PREFIX "added." SOURCES discovery_test.cpp)
