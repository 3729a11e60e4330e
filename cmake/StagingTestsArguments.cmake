# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: byte-exact argument handling.
#
# cmake_parse_arguments(PARSE_ARGV) hands back the same string for
# `"a;b"` and for `"a\\" "b"`, and an unbalanced `[` in any value swallows the
# list separators after it. Test commands and environment values must arrive
# exactly as written, so the public functions read each ARGV<n> themselves,
# replace the four characters CMake lists treat specially (and the empty
# string) by private control characters, parse that clean list, and decode
# each value where it is used.

include_guard(GLOBAL)

# The encoding's characters, in the calling scope. A macro because every
# public function needs them and a variable set when the module was included
# exists only in that directory and below it.
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
  _staging_encoding_constants()
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

# Decodes every item of the encoded list <encoded> into <out>, a list whose
# items hold no ';' (a value with one cannot be a list item: use
# _staging_decode on each item instead).
function(_staging_decode_list out encoded)
  set(items "")
  foreach(item IN LISTS encoded)
    _staging_decode(item "${item}")
    list(APPEND items "${item}")
  endforeach()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

# Parses the enclosing function's arguments ARGV<first>..ARGV<argc - 1> byte
# for byte into arg_*, the values encoded (see above), and refuses a repeated
# keyword, an unknown argument and a keyword without a value; arg_ARGUMENTS
# holds every argument, encoded, in order. A macro, so
# that it reads the function's own ARGV<n>; the function passes its ARGC as
# <argc>, since inside a macro ${ARGC} is the macro's. <command> names the
# function in errors, <fix> is the hint for an unknown argument (no quotes
# in it: the macro pastes it into its body). The variable `call` names the
# call in errors: "<command>(NAME <name> ...)" when a NAME keyword is given,
# "<command>(<first argument> ...)" when <first> is 1, else "<command>(...)".
macro(_staging_parse_arguments first argc command options one_value multi_value fix)
  _staging_encoding_constants()
  set(call "${command}(...)")
  if(${first} EQUAL 1)
    # ${ARGV0} written out would be the macro's own; through a variable
    # index it is the function's.
    set(_staging_index 0)
    set(call "${command}(${ARGV${_staging_index}} ...)")
  endif()
  # Macro arguments are text, not variables: IN_LIST needs variables.
  set(_staging_keywords ${options} ${one_value} ${multi_value})
  set(_staging_multi ${multi_value})
  set(_staging_arguments "")
  set(_staging_seen "")
  set(_staging_previous "")
  if(${argc} GREATER ${first})
    math(EXPR _staging_last "${argc} - 1")
    foreach(_staging_index RANGE ${first} ${_staging_last})
      set(_staging_argument "${ARGV${_staging_index}}")
      if(_staging_argument IN_LIST _staging_keywords)
        # PROPERTIES LABELS x would otherwise read as an empty PROPERTIES
        # and a LABELS keyword: the user meant the property.
        if(_staging_previous STREQUAL "PROPERTIES")
          set(_staging_fix "Use the ${_staging_argument} keyword.")
          if(_staging_argument MATCHES "^(LABELS|ENVIRONMENT|FIXTURES_REQUIRED)$")
            set(_staging_fix "Use the ${_staging_argument} keyword; its values are added to the staging ones.")
          endif()
          _staging_fail("${call}" "PROPERTIES sets ${_staging_argument}, which has a keyword of its own."
            "${_staging_fix}")
        endif()
        # REFUSE ENVIRONMENT MATCHES prod would read as an empty REFUSE and
        # an ENVIRONMENT keyword, and fail on "prod".
        if(NOT _staging_previous STREQUAL "" AND "${_staging_previous}" IN_LIST _staging_multi)
          _staging_fail("${call}" "${_staging_previous} is followed directly by ${_staging_argument}, a keyword of ${command}(), so ${_staging_previous} has no value."
            "Give ${_staging_previous} its values; ${_staging_argument} cannot be one of them, being a keyword.")
        endif()
        if(_staging_argument IN_LIST _staging_seen)
          _staging_fail("${call}" "${_staging_argument} is given twice." "Give each keyword once.")
        endif()
        list(APPEND _staging_seen "${_staging_argument}")
        if(_staging_argument STREQUAL "NAME" AND _staging_index LESS _staging_last)
          math(EXPR _staging_next "${_staging_index} + 1")
          set(call "${command}(NAME ${ARGV${_staging_next}} ...)")
        endif()
      endif()
      _staging_append_encoded(_staging_arguments _staging_argument)
      set(_staging_previous "${_staging_argument}")
    endforeach()
  endif()
  cmake_parse_arguments(arg "${options}" "${one_value}" "${multi_value}" ${_staging_arguments})
  # Every argument, encoded and in order, to hand on (see _staging_without).
  set(arg_ARGUMENTS "${_staging_arguments}")
  if(arg_UNPARSED_ARGUMENTS)
    list(GET arg_UNPARSED_ARGUMENTS 0 _staging_argument)
    _staging_decode(_staging_argument "${_staging_argument}")
    _staging_fail("${call}" "unknown argument \"${_staging_argument}\"." "${fix}")
  endif()
  foreach(_staging_argument IN LISTS arg_KEYWORDS_MISSING_VALUES)
    _staging_fail("${call}" "${_staging_argument} is given without a value."
      "Give it a value or leave the keyword out.")
  endforeach()
endmacro()

function(_staging_fail call what fix)
  message(FATAL_ERROR "${call}: ${what}\n${fix}")
endfunction()

# <out> is <items> (encoded arguments, in order) without the keywords of
# <drop> and the values after each; <keywords> are every keyword the items
# may hold, to tell where a dropped keyword's values end.
function(_staging_without out drop keywords)
  set(kept "")
  set(dropping FALSE)
  foreach(item IN LISTS ARGN)
    if(item IN_LIST keywords)
      if(item IN_LIST drop)
        set(dropping TRUE)
        continue()
      endif()
      set(dropping FALSE)
    endif()
    if(NOT dropping)
      list(APPEND kept "${item}")
    endif()
  endforeach()
  set(${out} "${kept}" PARENT_SCOPE)
endfunction()
