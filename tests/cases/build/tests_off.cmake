# The usual switch: include(CTest) gives the option BUILD_TESTING and calls
# enable_testing() only when it is ON. The toolkit is used unconditionally.
include(CTest)
include(StagingTests)
staging_tests_configure()
include("${CASE_COMMON_DIR}/CaseCommon.cmake")
add_staging_test(NAME staged COMMAND probe staged --expect ENVIRONMENT=staging)
add_test(NAME plain COMMAND probe plain --expect ENVIRONMENT=staging)
