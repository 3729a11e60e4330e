# A bracket in a forced value would corrupt the entries after it.
staging_tests_configure(VARIABLES "ENGRAM_TAGS=[chat,memory]")
