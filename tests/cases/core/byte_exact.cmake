# The same arguments through add_staging_test and plain add_test: each must
# reach the program as written, whichever path the toolkit takes (a ';', a
# '[', a ']', a '\' or an empty argument sends both down the bracket-quoted
# path; the *_direct tests have none of them). byte_exact-check.cmake holds
# the same lists.
staging_tests_configure()
add_executable(show_args "${CMAKE_CURRENT_SOURCE_DIR}/show_args.c")

add_staging_test(NAME staging_exact COMMAND show_args staging_exact
  "a;b" "[open" "close]" "trailing\\" "" "\\" "a\\;b" "]=]" "[[x]]" "[=[y]=]"
  "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)"
  "tab\there" "line\nbreak" "")
add_test(NAME plain_exact COMMAND show_args plain_exact
  "a;b" "[open" "close]" "trailing\\" "" "\\" "a\\;b" "]=]" "[[x]]" "[=[y]=]"
  "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)"
  "tab\there" "line\nbreak" "")

add_staging_test(NAME staging_direct COMMAND show_args staging_direct
  "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)" "=")
add_test(NAME plain_direct COMMAND show_args plain_direct
  "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)" "=")

# A program and at most two words take add_staging_test()'s short path
# (quoted forwarding); every byte passes it unchanged too, and an empty
# word leaves it for the checked path.
add_staging_test(NAME short_semicolon COMMAND show_args short_semicolon "a;b")
add_staging_test(NAME short_brackets COMMAND show_args short_brackets "[open" "close]")
add_staging_test(NAME short_backslash COMMAND show_args short_backslash "trailing\\")
add_staging_test(NAME short_empty COMMAND show_args short_empty "")
# A program and one word: the guard's short path at ctest time.
add_staging_test(NAME short_program_semicolon COMMAND show_args "a;b")
add_staging_test(NAME short_program_bracket COMMAND show_args "x[\\")
