# A project that includes the toolkit and calls none of its functions.
# -DCASE_VARIANT: tests (enable_testing and a test), sub_tests (only a
# sub-directory has tests) or no_tests.
include(StagingTests)
if(CASE_VARIANT STREQUAL "tests")
  enable_testing()
  add_test(NAME t COMMAND "${CMAKE_COMMAND}" -E true)
elseif(CASE_VARIANT STREQUAL "sub_tests")
  add_subdirectory(unused_sub)
endif()
