# Every way Catch2 cases reach ctest: add_staging_catch after the build
# (POST_BUILD) and, in v3, at ctest time (PRE_TEST) and sharded, with a
# prefix and a suffix, extra labels, an environment with a ';' in a value,
# a fixture of the project's and further properties (a list among them);
# and a plain catch_discover_tests, which the ctest-time guard stages all the
# same. Every target is held to the least standard its Catch2 takes.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)

add_test(NAME database_up COMMAND probe database_up --expect ENVIRONMENT=staging)
set_tests_properties(database_up PROPERTIES FIXTURES_SETUP database)

# Written out for each: a list variable would split the ';' in the values.
catch2_case_target(post SOURCES discovery_test.cpp EXTRAS)
add_staging_catch(post TEST_PREFIX "post."
  LABELS catch2 two-words
  ENVIRONMENT "X_ONE=1" "X_TWO=a;b c"
  FIXTURES_REQUIRED database
  PROPERTIES TIMEOUT 60 RESOURCE_LOCK "db;cache")

if(CASE_CATCH2 STREQUAL "v3")
  catch2_case_target(pre SOURCES discovery_test.cpp EXTRAS)
  add_staging_catch(pre DISCOVERY_MODE PRE_TEST TEST_PREFIX "pre." TEST_SUFFIX "@ctest"
    LABELS catch2 two-words
    ENVIRONMENT "X_ONE=1" "X_TWO=a;b c"
    FIXTURES_REQUIRED database
    PROPERTIES TIMEOUT 60 RESOURCE_LOCK "db;cache")

  catch2_case_target(sharded SOURCES discovery_test.cpp)
  add_staging_catch(sharded SHARD_COUNT 3)
endif()

catch2_case_target(bare SOURCES discovery_test.cpp)
catch_discover_tests(bare TEST_PREFIX "bare.")
