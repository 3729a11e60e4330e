# A secret forced by value: the value would be written into the build tree.
staging_tests_configure(VARIABLES ENGRAM_SERVICE_TOKEN=abc123)
