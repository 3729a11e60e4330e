# The listing shows each command wrapped by the check program: its run mode
# for the test, then "--" and the arguments as written.
function(expect_listed label)
  _json_index(index ${label})
  expect_json_test(${label} COMMAND_MATCHES "/staging_tests_check run .*--test ${label} ")
  string(JSON count LENGTH "${STDOUT}" tests ${index} command)
  set(separator -1)
  math(EXPR last "${count} - 1")
  foreach(k RANGE ${last})
    string(JSON element GET "${STDOUT}" tests ${index} command ${k})
    if(element STREQUAL "--")
      set(separator ${k})
      break()
    endif()
  endforeach()
  # After "--": the program, the label, then the arguments.
  math(EXPR expected "${separator} + 2 + ${ARGC}")
  if(separator EQUAL -1 OR NOT count EQUAL expected)
    case_fail("test ${label}: ${count} command elements, \"--\" at ${separator}, expected ${ARGC} after the program")
    return()
  endif()
  math(EXPR at "${separator} + 2")
  expect_json_test(${label} COMMAND_ELEMENT ${at} ${label})
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE 1 ${last})
    math(EXPR at "${separator} + 2 + ${i}")
    expect_json_test(${label} COMMAND_ELEMENT ${at} "${ARGV${i}}")
  endforeach()
endfunction()
foreach(label IN ITEMS staging_exact plain_exact)
  expect_listed(${label}
    "a;b" "[open" "close]" "trailing\\" "" "\\" "a\\;b" "]=]" "[[x]]" "[=[y]=]"
    "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)"
    "tab\there" "line\nbreak" "")
endforeach()
foreach(label IN ITEMS staging_direct plain_direct)
  expect_listed(${label}
    "$HOME" "\${HOME}" "two  spaces" "\"quoted\"" "'single'" "#hash" "(paren)" "=")
endforeach()
