# CanaryScan.cmake: for cases that export a canary secret and prove it leaks
# nowhere. Included by an area's Cases.cmake (script mode, under
# RunCases.cmake).
#
#   canary_export(<value> <name>...)
#       Exports <value> as each <name> in this process's environment, which
#       every later step inherits: the harness prints each step's ENV
#       entries, and these must not be shown. <value> has 12 characters or
#       more, so that it cannot be in a file by chance.
#   canary_unexport()
#       Removes them again.
#   canary_watch(<value>)
#       Makes <value> the canary the functions below look for, without
#       exporting it (a value a project wrote into a test property).
#   canary_streams_holding(<out>)
#       In a check script: which of STDOUT and STDERR hold it.
#   canary_expect_not_in_output()
#       In a check script: the step's stdout and stderr do not hold it.
#   canary_files_holding(<out> <directory>)
#       The regular files under <directory> whose bytes hold it, read as
#       they are (binaries, logs, reports), symbolic links not followed.
#   canary_expect_in_no_file(<directory>)
#       In a check script: canary_files_holding() finds none; the failure
#       names each file, never the value.

function(canary_export value)
  string(LENGTH "${value}" length)
  if(length LESS 12)
    message(FATAL_ERROR "canary_export: a canary has 12 characters or more.")
  endif()
  set_property(GLOBAL PROPERTY CANARY_VALUE "${value}")
  set_property(GLOBAL PROPERTY CANARY_NAMES "${ARGN}")
  foreach(name IN LISTS ARGN)
    set(ENV{${name}} "${value}")
  endforeach()
endfunction()

function(canary_watch value)
  set_property(GLOBAL PROPERTY CANARY_VALUE "${value}")
endfunction()

function(canary_unexport)
  get_property(names GLOBAL PROPERTY CANARY_NAMES)
  foreach(name IN LISTS names)
    unset(ENV{${name}})
  endforeach()
endfunction()

function(canary_streams_holding out)
  get_property(value GLOBAL PROPERTY CANARY_VALUE)
  set(found "")
  foreach(stream STDOUT STDERR)
    string(FIND "${${stream}}" "${value}" at)
    if(at GREATER_EQUAL 0)
      list(APPEND found ${stream})
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

function(canary_expect_not_in_output)
  canary_streams_holding(found)
  foreach(stream IN LISTS found)
    case_fail("the canary is in ${stream}")
  endforeach()
endfunction()

function(canary_files_holding out directory)
  get_property(value GLOBAL PROPERTY CANARY_VALUE)
  string(HEX "${value}" needle)
  file(GLOB_RECURSE files LIST_DIRECTORIES false "${directory}/*")
  set(found "")
  foreach(file IN LISTS files)
    if(IS_SYMLINK "${file}" OR IS_DIRECTORY "${file}")
      continue()
    endif()
    file(READ "${file}" hex HEX)
    # A match in the hex text counts only at a byte boundary.
    set(base 0)
    string(FIND "${hex}" "${needle}" at)
    while(at GREATER_EQUAL 0)
      math(EXPR offset "${base} + ${at}")
      math(EXPR odd "${offset} % 2")
      if(NOT odd)
        list(APPEND found "${file}")
        break()
      endif()
      math(EXPR base "${offset} + 1")
      math(EXPR skip "${at} + 1")
      string(SUBSTRING "${hex}" ${skip} -1 hex)
      string(FIND "${hex}" "${needle}" at)
    endwhile()
  endforeach()
  list(LENGTH files count)
  set_property(GLOBAL PROPERTY CANARY_FILES_SCANNED ${count})
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

function(canary_expect_in_no_file directory)
  canary_files_holding(found "${directory}")
  foreach(file IN LISTS found)
    case_fail("the canary is in ${file}")
  endforeach()
  get_property(count GLOBAL PROPERTY CANARY_FILES_SCANNED)
  message(STATUS "${STEP}: the canary is in none of ${count} files under ${directory}")
endfunction()
