# A suite listed right after the configure, before anything is built: a
# staging test and a plain one.
staging_tests_configure()
add_staging_test(NAME staged COMMAND probe staged --expect ENVIRONMENT=staging)
add_test(NAME plain COMMAND probe plain --expect ENVIRONMENT=staging)
