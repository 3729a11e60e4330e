# Refused while ctest reads the suite: nothing runs or is listed, and the
# message names the test, the variable and the fix, never the value.
case_expect_markers(ABSENT late t no_value)
case_expect_no_match(STDOUT "Test +#|\"tests\"")
case_expect_no_match(STDOUT "${SECRETS_LATE_VALUE}")
case_expect_no_match(STDERR "${SECRETS_LATE_VALUE}")
secrets_expect_message("StagingTests: the ${ROUTE_PROPERTY} property of test 'late' gives the secret ${ROUTE_VARIABLE} a value, which is now written in the build tree (CTestTestfile.cmake). Remove it from the test's properties and export ${ROUTE_VARIABLE} in the environment that runs ctest: tests inherit it. Then re-run CMake; ctest runs no test until then.")
