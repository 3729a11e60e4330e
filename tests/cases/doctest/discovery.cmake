# Every way doctest cases reach ctest: add_staging_doctest with a prefix and
# a suffix, extra labels, an environment with a ';' in a value, a fixture of
# the project's and further properties (a list among them), without
# ADD_LABELS (doctest then ends each set_tests_properties() with an empty
# LABELS) and with ADD_LABELS 1 (a case's suite becomes a label); and a plain
# doctest_discover_tests, which the ctest-time guard stages all the same.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)

add_test(NAME database_up COMMAND probe database_up --expect ENVIRONMENT=staging)
set_tests_properties(database_up PROPERTIES FIXTURES_SETUP database)

# Written out for each: a list variable would split the ';' in the values.
doctest_case_target(post SOURCES discovery_test.cpp EXTRAS)
add_staging_doctest(post TEST_PREFIX "post." TEST_SUFFIX "@ctest"
  LABELS doctest two-words
  ENVIRONMENT "X_ONE=1" "X_TWO=a;b c"
  FIXTURES_REQUIRED database
  PROPERTIES TIMEOUT 60 RESOURCE_LOCK "db;cache")

doctest_case_target(labelled SOURCES discovery_test.cpp)
add_staging_doctest(labelled TEST_PREFIX "labelled." ADD_LABELS 1)

doctest_case_target(bare SOURCES discovery_test.cpp)
doctest_discover_tests(bare TEST_PREFIX "bare.")
