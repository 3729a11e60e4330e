# A hand-made CTestTestfile.cmake that starts with the guard, as CMake's
# own do: whatever it adds after that is staged like any other test.
staging_tests_configure()
add_test(NAME real COMMAND probe real --expect ENVIRONMENT=staging)
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/../guarded")
file(WRITE "${CMAKE_BINARY_DIR}/../guarded/CTestTestfile.cmake"
  "include(\"${CMAKE_BINARY_DIR}/StagingTests/guard.cmake\")\n"
  "add_test(extra \"${CMAKE_BINARY_DIR}/probe\" extra --expect ENVIRONMENT=staging)\n"
  "subdirs(\"${CMAKE_BINARY_DIR}\")\n")
