# A staging suite and, written into the build tree by the configure, a
# hand-made CTestTestfile.cmake outside it that adds a test of its own and
# then pulls the real suite in: the wrapper ctest would read first.
staging_tests_configure()
add_test(NAME real COMMAND probe real)
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/../wrapper" "${CMAKE_BINARY_DIR}/../impostor")
file(WRITE "${CMAKE_BINARY_DIR}/../wrapper/CTestTestfile.cmake"
  "add_test(evil \"${CMAKE_BINARY_DIR}/probe\" evil)\nsubdirs(\"${CMAKE_BINARY_DIR}\")\n")
# The same, pretending the guard already ran in it.
file(WRITE "${CMAKE_BINARY_DIR}/../impostor/CTestTestfile.cmake"
  "set(_STAGING_TESTS_GUARD_ROOT TRUE)\nfunction(staging_tests_guard_directory)\nendfunction()\n"
  "add_test(evil \"${CMAKE_BINARY_DIR}/probe\" evil)\nsubdirs(\"${CMAKE_BINARY_DIR}\")\n")
