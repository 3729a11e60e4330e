# StagingTests' own variables are not the project's to force.
staging_tests_configure(VARIABLES STAGING_TESTS_RUN_DIR=/tmp/runs)
