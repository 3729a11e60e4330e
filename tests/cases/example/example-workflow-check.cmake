# The banner and the confirmation come before ctest starts the first test,
# and every test of the suite passes.
example_expect_workflow("[1-9][0-9]*")
