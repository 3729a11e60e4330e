# The test executable is defined later, or under another name.
add_staging_gtest(backend_tests)
