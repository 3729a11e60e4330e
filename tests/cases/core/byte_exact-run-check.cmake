# Each test's arguments, as the program received them, against the lists
# of byte_exact.cmake.
function(expect_arguments label)
  math(EXPR argc "${ARGC} + 1")
  case_expect_match(STDOUT "[0-9]+: show_args: ${label} argc=${argc}\n")
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE 1 ${last})
    string(HEX "${ARGV${i}}" hex)
    math(EXPR position "${i} + 1")
    if(NOT STDOUT MATCHES "[0-9]+: show_args: ${label} \\[${position}\\] ${hex}\n")
      case_fail("test ${label}: argument ${position} is not '${ARGV${i}}' (hex ${hex})")
    endif()
  endforeach()
endfunction()
foreach(label IN ITEMS staging_exact plain_exact)
  expect_arguments(${label}
    "a;b" "[open" "close]" "trailing\\" "" "\\" "a\\;b" "]=]" "[[x]]" "[=[y]=]"
    "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)"
    "tab\there" "line\nbreak" "")
endforeach()
foreach(label IN ITEMS staging_direct plain_direct)
  expect_arguments(${label}
    "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)" "=")
endforeach()
expect_arguments(short_semicolon "a;b")
expect_arguments(short_brackets "[open" "close]")
expect_arguments(short_backslash "trailing\\")
expect_arguments(short_empty "")
# show_args' label is its one argument here: "a;b" is 613b62, "x[\" 785b5c.
case_expect_match(STDOUT "[0-9]+: show_args: a;b \\[1\\] 613b62\n")
case_expect_match(STDOUT "[0-9]+: show_args: x\\[\\\\ \\[1\\] 785b5c\n")
case_expect_statuses(Passed staging_session staging_exact plain_exact staging_direct
  plain_direct short_semicolon short_brackets short_backslash short_empty
  short_program_semicolon short_program_bracket staging_checklist)
