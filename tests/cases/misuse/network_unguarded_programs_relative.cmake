# An unguarded program named by a relative path: programs are matched by
# the absolute path of the file run.
staging_tests_configure(NETWORK_UNGUARDED_PROGRAMS bin/static-tool)
