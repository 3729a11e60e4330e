# StagingTests 1's AUDIT_DIRECTORIES: nothing is audited any more, since every
# test is staged; what a project meant by leaving a directory out is now
# EXCLUDE_DIRECTORIES.
staging_tests_configure(AUDIT_DIRECTORIES src)
