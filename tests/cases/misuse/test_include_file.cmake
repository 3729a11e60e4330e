# The deprecated TEST_INCLUDE_FILE: CMake writes it before every
# TEST_INCLUDE_FILES entry, so it would run before the StagingTests guard.
staging_tests_configure()
add_test(NAME chat_smoke COMMAND chat_smoke --fast)
set_property(DIRECTORY PROPERTY TEST_INCLUDE_FILE "${CMAKE_CURRENT_SOURCE_DIR}/legacy_tests.cmake")
