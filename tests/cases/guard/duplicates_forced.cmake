# Under ON_MISMATCH FORCE a caller's second entry is replaced with the rest:
# every test sees the variable once, forced.
staging_tests_configure(ON_MISMATCH FORCE)
add_test(NAME t COMMAND probe t --expect ENVIRONMENT=staging)
add_test(NAME shell COMMAND sh -c "test \"$ENVIRONMENT\" = staging")
