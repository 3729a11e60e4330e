# Refused before ctest started any test.
example_expect_refused_workflow()
