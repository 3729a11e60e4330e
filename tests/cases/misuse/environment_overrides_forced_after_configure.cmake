# The same misuse after staging_tests_configure(), the usual order: every
# keyword after COMMAND is checked, not taken for a command argument.
staging_tests_configure()
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast ENVIRONMENT ENVIRONMENT=production)
