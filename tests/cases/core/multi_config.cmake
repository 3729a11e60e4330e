# A multi-config tree (the case forces Ninja Multi-Config): each test runs
# its configuration's probe, whose marker names the configuration.
staging_tests_configure()
add_staging_test(NAME staged COMMAND probe staged-$<CONFIG> --expect ENVIRONMENT=staging)
add_test(NAME plain COMMAND probe plain-$<CONFIG> --expect ENVIRONMENT=staging)
add_staging_test(NAME release_only COMMAND probe release_only-$<CONFIG> CONFIGURATIONS Release)
