# A call with an option doctest_discover_tests() does not have, which it
# would ignore silently, or in a project that never made doctest's CMake
# scripts available. -DCASE_VARIANT picks the call.
staging_tests_configure()
doctest_case_target(t SOURCES plain_test.cpp)
if(CASE_VARIANT STREQUAL "discovery_mode")
  add_staging_doctest(t TEST_PREFIX "t." DISCOVERY_MODE PRE_TEST)
elseif(CASE_VARIANT STREQUAL "unavailable")
  add_staging_doctest(t)
endif()
