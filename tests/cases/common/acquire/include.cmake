# acquire/include.cmake: makes the StagingTests API available the way a
# consumer using include does; shared by the cases consume/include and
# secrets/canary_include. Included from a case's top-level CMakeLists.txt, after
# project().

# The toolkit vendored as files: only its modules/ on the module path.
list(APPEND CMAKE_MODULE_PATH "${STAGING_TESTS_ROOT}/modules")
include(StagingTests)
if(NOT COMMAND add_staging_test OR NOT COMMAND staging_tests_configure)
  message(FATAL_ERROR "consume: include(StagingTests) did not define the API")
endif()
message(STATUS "consume: add_staging_test from include(StagingTests)")
