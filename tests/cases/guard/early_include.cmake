# The deprecated directory property TEST_INCLUDE_FILE, which CMake writes
# before every TEST_INCLUDE_FILES entry: it would run before the guard.
staging_tests_configure()
add_test(NAME t COMMAND probe t)
file(WRITE "${CMAKE_BINARY_DIR}/early.cmake" "add_test(early \"${CMAKE_BINARY_DIR}/probe\" early)\n")
set_property(DIRECTORY PROPERTY TEST_INCLUDE_FILE "${CMAKE_BINARY_DIR}/early.cmake")
