# A name no shell can export.
staging_tests_configure(VARIABLES engram.region=westeurope)
