# StagingTests' own variable set on a test directly.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast PROPERTIES TIMEOUT 30)
set_tests_properties(chat_smoke PROPERTIES ENVIRONMENT STAGING_TESTS_RUN_DIR=/tmp/runs)
