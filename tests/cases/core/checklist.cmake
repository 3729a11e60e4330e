# Two tests that pass and one whose own ENVIRONMENT property overrides the
# forced value: the check program refuses it, and the checklist says so.
staging_tests_configure()
add_test(NAME ok_one COMMAND probe ok_one)
add_staging_test(NAME ok_two COMMAND probe ok_two)
add_test(NAME overridden COMMAND probe overridden)
set_tests_properties(overridden PROPERTIES ENVIRONMENT ENVIRONMENT=uat)
