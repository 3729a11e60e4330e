# acquire/add_subdirectory.cmake: makes the StagingTests API available the way a
# consumer using add subdirectory does; shared by the cases consume/add_subdirectory and
# secrets/canary_add_subdirectory. Included from a case's top-level CMakeLists.txt, after
# project().

# The toolkit vendored as a subproject; no include() afterwards.
add_subdirectory("${STAGING_TESTS_ROOT}" third_party/StagingTests)
if(NOT COMMAND add_staging_test OR NOT COMMAND staging_tests_configure)
  message(FATAL_ERROR "consume: add_subdirectory(<toolkit>) did not define the API")
endif()
message(STATUS "consume: add_staging_test from add_subdirectory")
