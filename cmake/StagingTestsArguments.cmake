# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: byte-exact argument handling.
#
# cmake_parse_arguments(PARSE_ARGV) hands back the same string for
# `"a;b"` and for `"a\\" "b"`, and an unbalanced `[` in any value swallows the
# list separators after it. Test commands and environment values must arrive
# exactly as written, so the public functions read each ARGV<n> themselves,
# replace the four characters CMake lists treat specially by private control
# characters, parse that clean list, and decode each value where it is used.

include_guard(GLOBAL)

# Sets the encoding's characters in the calling scope. Every public function
# (and the deferred end-of-configure work) calls _staging_constants(): a
# variable set when the module was included is visible only in that
# directory and the ones below it, not in a sibling or the top level.
macro(_staging_encoding_constants)
  string(ASCII 1 _STAGING_TESTS_SEMICOLON)
  string(ASCII 2 _STAGING_TESTS_OPEN)
  string(ASCII 3 _STAGING_TESTS_CLOSE)
  string(ASCII 4 _STAGING_TESTS_BACKSLASH)
  string(ASCII 5 _STAGING_TESTS_EMPTY)
endmacro()

# Appends the encoded form of the variable <value_var>'s value to the list
# <list_var>. A macro for speed (it runs once per argument of every call); it
# takes the variable's name, not its value, because a macro substitutes its
# arguments into its body as text, and a value ending in '\' would not parse.
macro(_staging_append_encoded list_var value_var)
  set(_staging_value "${${value_var}}")
  if(_staging_value STREQUAL "")
    set(_staging_value "${_STAGING_TESTS_EMPTY}")
  elseif(_staging_value MATCHES "[][;\\\\]")
    string(REPLACE "\\" "${_STAGING_TESTS_BACKSLASH}" _staging_value "${_staging_value}")
    string(REPLACE ";" "${_STAGING_TESTS_SEMICOLON}" _staging_value "${_staging_value}")
    string(REPLACE "[" "${_STAGING_TESTS_OPEN}" _staging_value "${_staging_value}")
    string(REPLACE "]" "${_STAGING_TESTS_CLOSE}" _staging_value "${_staging_value}")
  endif()
  list(APPEND ${list_var} "${_staging_value}")
endmacro()

function(_staging_decode out value)
  if(value STREQUAL "${_STAGING_TESTS_EMPTY}")
    set(value "")
  else()
    string(REPLACE "${_STAGING_TESTS_BACKSLASH}" "\\" value "${value}")
    string(REPLACE "${_STAGING_TESTS_SEMICOLON}" ";" value "${value}")
    string(REPLACE "${_STAGING_TESTS_OPEN}" "[" value "${value}")
    string(REPLACE "${_STAGING_TESTS_CLOSE}" "]" value "${value}")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# Sets <out> to <value> as a CMake bracket argument whose delimiter does not
# occur in the value.
function(_staging_bracket out value)
  set(equals "=")
  while(value MATCHES "]${equals}]")
    string(APPEND equals "=")
  endwhile()
  set(${out} "[${equals}[${value}]${equals}]" PARENT_SCOPE)
endfunction()

# Validates one ENVIRONMENT or VARIABLES entry (decoded) and sets <out> to its
# form inside a CTest list property, where ';' must be escaped.
function(_staging_environment_entry out call keyword entry)
  if(NOT entry MATCHES "^([^=]*)=(.*)$")
    _staging_fail("${call}" "${keyword} entry \"${entry}\" has no '='."
      "Write each entry as NAME=value; CTest silently ignores an entry without '='.")
  endif()
  set(name "${CMAKE_MATCH_1}")
  set(value "${CMAKE_MATCH_2}")
  _staging_check_variable_name("${call}" "${keyword} entry" "${name}")
  if(value MATCHES "[][]")
    _staging_fail("${call}" "${keyword} entry ${name} holds '[' or ']'."
      "CTest reads test environments as CMake lists, where a bracket swallows the separators after it and corrupts the entries that follow; pass such a value through the caller's environment instead.")
  endif()
  if(value MATCHES "\\\\$")
    _staging_fail("${call}" "${keyword} entry ${name} ends with a backslash."
      "CTest reads a trailing backslash as escaping the separator, silently merging the next entry into this one; remove it or pass the value through the caller's environment.")
  endif()
  string(REPLACE ";" "\\;" escaped "${entry}")
  set(${out} "${escaped}" PARENT_SCOPE)
endfunction()

# Parses the enclosing function's arguments ARGV<first>..ARGV<argc - 1> byte
# for byte into arg_*, the values encoded, and refuses a repeated keyword, a
# keyword right after PROPERTIES, an unknown argument and a keyword without a
# value. A macro, so that it can read the function's ARGV<n>; it takes only
# the first index, because a macro pastes its arguments into its body as
# text. The enclosing function sets: argc (its ARGC), call (the call as
# errors name it), call_name (the command), keywords (the fix for an unknown
# argument), options, one_value and multi_value. When the command has a NAME
# keyword, call becomes "<command>(NAME <name> ...)" once the name is read.
macro(_staging_parse_arguments first)
  set(args "")
  set(_staging_seen "")
  set(_staging_previous "")
  if(argc GREATER ${first})
    math(EXPR _staging_last "${argc} - 1")
    foreach(_staging_index RANGE ${first} ${_staging_last})
      set(_staging_argument "${ARGV${_staging_index}}")
      if(_staging_argument IN_LIST options OR _staging_argument IN_LIST one_value
          OR _staging_argument IN_LIST multi_value)
        if(_staging_argument IN_LIST _staging_seen)
          _staging_fail("${call}" "${_staging_argument} is given twice." "Give each keyword once.")
        endif()
        if(_staging_previous STREQUAL "PROPERTIES")
          _staging_fail("${call}" "PROPERTIES sets ${_staging_argument}, which StagingTests owns."
            "Use the ${_staging_argument} keyword of ${call_name}(); its values are added to the staging ones.")
        endif()
        list(APPEND _staging_seen "${_staging_argument}")
        if(_staging_argument STREQUAL "NAME" AND _staging_index LESS _staging_last)
          math(EXPR _staging_next "${_staging_index} + 1")
          set(call "${call_name}(NAME ${ARGV${_staging_next}} ...)")
        endif()
      endif()
      _staging_append_encoded(args _staging_argument)
      set(_staging_previous "${_staging_argument}")
    endforeach()
  endif()
  cmake_parse_arguments(arg "${options}" "${one_value}" "${multi_value}" ${args})
  if(arg_UNPARSED_ARGUMENTS)
    list(GET arg_UNPARSED_ARGUMENTS 0 _staging_argument)
    _staging_decode(_staging_argument "${_staging_argument}")
    _staging_fail("${call}" "unknown argument \"${_staging_argument}\"." "${keywords}")
  endif()
  foreach(_staging_argument IN LISTS arg_KEYWORDS_MISSING_VALUES)
    _staging_fail("${call}" "${_staging_argument} is given without a value."
      "Give it a value or leave the keyword out.")
  endforeach()
endmacro()
