# A file ctest reads after the guard (a hand-written TEST_INCLUDE_FILES
# entry) that redefines a command the guard relies on, then adds a test.
# -DCASE_VARIANT picks the command.
staging_tests_configure()
add_test(NAME t COMMAND probe t)
set(body_add_test "function(add_test)\n  _add_test(\${ARGV})\nendfunction()\n")
set(body_string "function(string)\nendfunction()\n")
set(body_message_and_list "function(message)\nendfunction()\nfunction(list)\nendfunction()\n")
file(WRITE "${CMAKE_BINARY_DIR}/redefine.cmake"
  "${body_${CASE_VARIANT}}add_test(after \"${CMAKE_BINARY_DIR}/probe\" after)\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${CMAKE_BINARY_DIR}/redefine.cmake")
