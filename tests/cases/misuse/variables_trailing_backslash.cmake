# A trailing backslash would merge the next forced entry into this one.
staging_tests_configure(VARIABLES "ENGRAM_CACHE=C:\\cache\\" ENGRAM_REGION=westeurope)
