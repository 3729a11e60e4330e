# A suite whose CTestTestfile.cmake files are edited after the configure
# (the case's steps do it): a line before the guard's is refused.
staging_tests_configure()
add_test(NAME t COMMAND probe t)
add_subdirectory(sub)
file(WRITE "${CMAKE_BINARY_DIR}/early.cmake" "add_test(early \"${CMAKE_BINARY_DIR}/probe\" early)\n")
