# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: what add_staging_gtest(), add_staging_catch() and
# add_staging_doctest() share. Each links its framework's in-binary guard
# into the test target, calls the framework's own discovery with the
# caller's options byte for byte, and gives the discovered tests the
# caller's extra properties through a file ctest reads after the
# discovery's (the discoveries' own PROPERTIES break list values).

include_guard(GLOBAL)

# Links the in-binary guard <guard> (an ALIAS of the toolkit) into <target>,
# an executable registered once for <framework>.
function(_staging_guard_target call target framework guard)
  _staging_check_test_target("${call}" "${target}" "_STAGING_TESTS_${framework}")
  _staging_activate()
  _staging_freeze("${framework} target ${target} in ${CMAKE_CURRENT_LIST_FILE}")
  # APPEND to LINK_LIBRARIES rather than target_link_libraries(): the latter
  # refuses to mix its keyword and plain signatures, and the project's own
  # call may use either.
  set_property(TARGET "${target}" APPEND PROPERTY LINK_LIBRARIES "${guard}")
  set_property(GLOBAL APPEND PROPERTY _STAGING_TESTS_GUARDED_TARGETS "${target}")
endfunction()

# Calls <function>(<target> <given>...): <given> is keywords and their
# encoded values, in order; names in <keywords> go as they are, every value
# as a bracket argument, so it arrives byte for byte.
function(_staging_call_discovery function target keywords)
  _staging_bracket(code "${target}")
  set(code "${function}(${code}")
  foreach(item IN LISTS ARGN)
    if(item IN_LIST keywords)
      string(APPEND code " ${item}")
    else()
      _staging_decode(value "${item}")
      _staging_bracket(value "${value}")
      string(APPEND code " ${value}")
    endif()
  endforeach()
  cmake_language(EVAL CODE "${code})")
endfunction()

# The keywords the discovery function of <file> (Catch.cmake, doctest.cmake)
# parses: a framework's versions differ (DISCOVERY_MODE is Catch2 v3's), and
# the function silently ignores a keyword it does not know. Empty when the
# file cannot be read.
function(_staging_discovery_keywords out file function)
  set(${out} "" PARENT_SCOPE)
  if(NOT EXISTS "${file}")
    return()
  endif()
  file(READ "${file}" text)
  string(FIND "${text}" "function(${function}" at)
  if(at LESS 0)
    return()
  endif()
  string(SUBSTRING "${text}" ${at} -1 text)
  if(NOT text MATCHES "cmake_parse_arguments\\([ \t\n]*\"\"[ \t\n]*\"([^\"]*)\"[ \t\n]*\"([^\"]*)\"[ \t\n]*\"([^\"]*)\"")
    return()
  endif()
  set(${out} "${CMAKE_MATCH_1};${CMAKE_MATCH_2};${CMAKE_MATCH_3}" PARENT_SCOPE)
endfunction()

# The file that defines <function>, found as include(<module>) would find it
# (CMAKE_MODULE_PATH, then <package>_DIR), or "".
function(_staging_discovery_file out module package)
  foreach(directory IN LISTS CMAKE_MODULE_PATH ${package}_DIR)
    if(EXISTS "${directory}/${module}.cmake")
      set(${out} "${directory}/${module}.cmake" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

# Refuses a keyword of <given> (keywords and values, encoded) that the
# discovery function in <file> does not parse, naming the file.
function(_staging_check_discovery_keywords call given keywords file function)
  _staging_discovery_keywords(supported "${file}" "${function}")
  if(supported STREQUAL "")
    return()
  endif()
  foreach(item IN LISTS given)
    if(item IN_LIST keywords AND NOT item IN_LIST supported)
      _staging_fail("${call}" "${item} is not an option of the ${function}() in ${file}."
        "That version of the framework would ignore it silently: remove it, or use a version that has it.")
    endif()
  endforeach()
endfunction()

# The extra properties of a staging framework call, for the tests it
# discovers: <list_variable> names the variable the discovery fills.
function(_staging_stage_discovered call target list_variable labels environment fixtures properties)
  _staging_extra_properties(pairs "${call}" "${labels}" "${environment}" "${fixtures}"
    "${properties}")
  if(pairs)
    _staging_write_discovered_properties("${target}" "${list_variable}" "${pairs}")
  endif()
endfunction()

# <out> is the decoded <encoded>, or <default> when it is empty (absent).
function(_staging_decoded_or out encoded default)
  if(encoded STREQUAL "")
    set(${out} "${default}" PARENT_SCOPE)
  else()
    _staging_decode(value "${encoded}")
    set(${out} "${value}" PARENT_SCOPE)
  endif()
endfunction()
