# Stands for Catch2 v2's extras/Catch.cmake (2.13) in the catch_option_unknown
# case, so that the case does not depend on the Catch2 installed: the same
# catch_discover_tests() signature, which StagingTests reads to know the
# options this version parses.
function(catch_discover_tests TARGET)
  cmake_parse_arguments(
    ""
    ""
    "TEST_PREFIX;TEST_SUFFIX;WORKING_DIRECTORY;TEST_LIST;REPORTER;OUTPUT_DIR;OUTPUT_PREFIX;OUTPUT_SUFFIX"
    "TEST_SPEC;EXTRA_ARGS;PROPERTIES"
    ${ARGN}
  )
  message(FATAL_ERROR "catch2-v2/Catch.cmake: the case expected StagingTests to refuse the call first.")
endfunction()
