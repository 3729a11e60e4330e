# A suite of three tests in two directories, one through add_staging_test,
# two through plain add_test.
staging_tests_configure()
add_staging_test(NAME top_one COMMAND probe top_one --expect ENVIRONMENT=staging)
add_test(NAME top_two COMMAND probe top_two --expect ENVIRONMENT=staging)
add_subdirectory(sub)
