# A directory that exists but is not part of the build: nothing would be left
# out, and the project would think something was.
staging_tests_configure(EXCLUDE_DIRECTORIES dependency)
