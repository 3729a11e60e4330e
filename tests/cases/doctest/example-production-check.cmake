# Refused before ctest started any test.
framework_expect_refused_workflow()
