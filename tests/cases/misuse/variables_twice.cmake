# One variable forced twice, with two values: which one would a test see?
staging_tests_configure(VARIABLES ENGRAM_REGION=westeurope ENGRAM_REGION=northeurope)
