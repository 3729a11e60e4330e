# A label with a space: ctest -L takes a regular expression, and this one
# would select more or less than meant.
staging_tests_configure(LABEL "staging tests")
