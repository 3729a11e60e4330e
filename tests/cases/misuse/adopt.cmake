# StagingTests 1's ADOPT, which every test now gets without asking: accepted,
# with a deprecation warning, and the configure succeeds.
staging_tests_configure(ADOPT)
