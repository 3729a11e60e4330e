# StagingTests' own variables tell the checks where this run's record is:
# a test may not move them.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT STAGING_TESTS_RUN_DIR=/tmp/runs)
