case_expect_markers(ABSENT late t no_value)
case_expect_no_match(STDOUT "Test +#")
canary_expect_not_in_output()
secrets_expect_message("StagingTests: the ${ROUTE_PROPERTY} property of test 't' gives the secret ${ROUTE_VARIABLE} a value, which is now written in the build tree (CTestTestfile.cmake). Remove it from the test's properties and export ${ROUTE_VARIABLE} in the environment that runs ctest: tests inherit it.")
