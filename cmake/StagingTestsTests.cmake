# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: what the public functions do with tests at
# configure time. Staging itself (the check program around each command,
# the label, the session fixture, the forced environment) happens when
# ctest reads the suite (templates/ctest/StagingTestsGuard.cmake); what is
# done here is only what must be refused before it reaches the build tree.

include_guard(GLOBAL)

# Uses the policy from here on: the defaults when staging_tests_configure()
# was not called, and the end-of-configure work.
function(_staging_activate)
  get_property(active GLOBAL PROPERTY _STAGING_TESTS_ACTIVE)
  if(active)
    return()
  endif()
  _staging_policy(id ID)
  if(id STREQUAL "")
    _staging_make_policy("staging_tests_configure() defaults")
  endif()
  _staging_policy(fixture FIXTURE)
  _staging_policy(checklist CHECKLIST)
  set_property(GLOBAL PROPERTY _STAGING_TESTS_RESERVED_NAMES "${fixture};${checklist}")
  # add_staging_test()'s fast path: the words it must leave to the checked
  # path. Cache entries, as they must be seen from every directory; one left
  # from an earlier configure (a renamed fixture) only costs that path.
  foreach(word IN ITEMS "" NAME COMMAND CONFIGURATIONS WORKING_DIRECTORY COMMAND_EXPAND_LISTS
      LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES "${fixture}" "${checklist}")
    set("_STAGING_TESTS_WORD_${word}" 1 CACHE INTERNAL "add_staging_test() checks this word")
  endforeach()
  set(_STAGING_TESTS_FAST on CACHE INTERNAL "add_staging_test() may take its fast path")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_ACTIVE TRUE)
  _staging_schedule_finalize()
endfunction()

# From the first staging test on, the policy cannot change.
function(_staging_freeze where)
  _staging_policy(frozen FROZEN_AT)
  if(NOT frozen)
    set_property(GLOBAL PROPERTY _STAGING_TESTS_POLICY_FROZEN_AT "${where}")
  endif()
endfunction()

# Before CMake 3.28 a test's properties can be read only in its own
# directory: the directories where StagingTests is called are checked at
# their end (the ctest-time guard checks every directory on every version).
function(_staging_watch_directory)
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.28)
    return()
  endif()
  get_property(watched DIRECTORY PROPERTY _STAGING_TESTS_WATCHED)
  if(NOT watched)
    set_property(DIRECTORY PROPERTY _STAGING_TESTS_WATCHED TRUE)
    cmake_language(DEFER CALL _staging_check_directory_tests "")
  endif()
endfunction()

# add_staging_test()'s checked path: <call> names the call; the keywords are
# add_staging_test()'s, every value encoded (StagingTestsArguments.cmake).
function(_staging_add_test call)
  cmake_parse_arguments(PARSE_ARGV 1 arg "COMMAND_EXPAND_LISTS" "NAME;WORKING_DIRECTORY"
    "COMMAND;CONFIGURATIONS;LABELS;ENVIRONMENT;FIXTURES_REQUIRED;PROPERTIES")
  if(NOT DEFINED arg_NAME)
    _staging_fail("${call}" "NAME is missing." "Write add_staging_test(NAME <name> COMMAND <command> ...).")
  endif()
  _staging_decode(name "${arg_NAME}")
  if(name STREQUAL "")
    _staging_fail("${call}" "NAME is empty." "Give the test a name.")
  endif()
  if(NOT DEFINED arg_COMMAND)
    _staging_fail("${call}" "COMMAND is missing." "Write add_staging_test(NAME ${name} COMMAND <command> [<arg>...]).")
  endif()
  _staging_activate()
  _staging_freeze("test \"${name}\" in ${CMAKE_CURRENT_LIST_FILE}")
  get_property(reserved GLOBAL PROPERTY _STAGING_TESTS_RESERVED_NAMES)
  if(name IN_LIST reserved)
    _staging_fail("${call}" "the name \"${name}\" is a StagingTests test's (the session or the checklist)."
      "Choose another name, or rename StagingTests' with staging_tests_configure(FIXTURE ...) or LABEL.")
  endif()
  _staging_extra_properties(properties "${call}" "${arg_LABELS}" "${arg_ENVIRONMENT}"
    "${arg_FIXTURES_REQUIRED}" "${arg_PROPERTIES}")

  # Every argument becomes a bracket argument, so it reaches add_test() byte
  # for byte.
  _staging_bracket(code "${name}")
  set(code "add_test(NAME ${code} COMMAND")
  foreach(keyword IN ITEMS COMMAND CONFIGURATIONS WORKING_DIRECTORY)
    if(NOT keyword STREQUAL "COMMAND")
      if(NOT DEFINED arg_${keyword})
        continue()
      endif()
      string(APPEND code " ${keyword}")
    endif()
    foreach(encoded IN LISTS arg_${keyword})
      _staging_decode(word "${encoded}")
      _staging_bracket(word "${word}")
      string(APPEND code " ${word}")
    endforeach()
  endforeach()
  if(arg_COMMAND_EXPAND_LISTS)
    string(APPEND code " COMMAND_EXPAND_LISTS")
  endif()
  cmake_language(EVAL CODE "${code})")

  while(properties)
    list(POP_FRONT properties property value)
    _staging_decode(property "${property}")
    _staging_decode(value "${value}")
    set_property(TEST "${name}" APPEND PROPERTY "${property}" "${value}")
  endwhile()
  if(arg_ENVIRONMENT OR arg_PROPERTIES)
    _staging_watch_directory()
  endif()
endfunction()

# Checks the LABELS, ENVIRONMENT, FIXTURES_REQUIRED and PROPERTIES of a
# staging function (encoded lists) and sets <out> to the properties they
# give, as encoded <property> <value> pairs. List values are ;-joined, with
# a ';' inside an ENVIRONMENT value escaped as CTest reads it.
function(_staging_extra_properties out call labels environment fixtures properties)
  _staging_policy(forced FORCED_NAMES)
  _staging_policy(pass_through PASS_THROUGH)
  _staging_policy(secrets SECRETS)
  _staging_policy(fixture FIXTURE)
  set(pairs "")
  foreach(keyword IN ITEMS LABELS ENVIRONMENT FIXTURES_REQUIRED)
    if(keyword STREQUAL "LABELS")
      set(items "${labels}")
    elseif(keyword STREQUAL "ENVIRONMENT")
      set(items "${environment}")
    else()
      set(items "${fixtures}")
    endif()
    set(value "")
    foreach(encoded IN LISTS items)
      _staging_decode(item "${encoded}")
      if(keyword STREQUAL "ENVIRONMENT")
        _staging_check_entry("${call}" ENVIRONMENT "${item}" "${forced}" "${pass_through}" "${secrets}")
        string(REPLACE ";" "\\;" item "${item}")
      endif()
      list(APPEND value "${item}")
    endforeach()
    if(NOT value STREQUAL "")
      _staging_append_pair(pairs "${keyword}" "${value}")
    endif()
  endforeach()

  list(LENGTH properties count)
  math(EXPR odd "${count} % 2")
  if(odd)
    _staging_fail("${call}" "PROPERTIES has an odd number of values."
      "Write PROPERTIES <property> <value> [<property> <value>...].")
  endif()
  while(properties)
    list(POP_FRONT properties property value)
    _staging_decode(property "${property}")
    _staging_decode(value "${value}")
    if(property MATCHES "^(LABELS|ENVIRONMENT|FIXTURES_REQUIRED)$")
      _staging_fail("${call}" "PROPERTIES sets ${property}, which has a keyword of its own."
        "Use the ${property} keyword; its values are added to the staging ones.")
    endif()
    if(property STREQUAL "ENVIRONMENT_MODIFICATION")
      foreach(operation IN LISTS value)
        _staging_check_entry("${call}" ENVIRONMENT_MODIFICATION "${operation}" "${forced}"
          "${pass_through}" "${secrets}")
      endforeach()
    endif()
    if(property MATCHES "^FIXTURES_(SETUP|CLEANUP)$" AND fixture IN_LIST value)
      _staging_fail("${call}" "PROPERTIES ${property} names the session fixture \"${fixture}\"."
        "The session is StagingTests' own; give the test a fixture of its own.")
    endif()
    _staging_append_pair(pairs "${property}" "${value}")
  endwhile()
  set(${out} "${pairs}" PARENT_SCOPE)
endfunction()

function(_staging_append_pair list property value)
  set(pairs "${${list}}")
  _staging_append_encoded(pairs property)
  _staging_append_encoded(pairs value)
  set(${list} "${pairs}" PARENT_SCOPE)
endfunction()

# <target> must be an executable defined in this project, registered once
# (the registry is the global property <registry>:<target>).
function(_staging_check_test_target call target registry)
  if(NOT TARGET "${target}")
    _staging_fail("${call}" "\"${target}\" is not a target."
      "Define the test executable with add_executable() before this call.")
  endif()
  get_target_property(type "${target}" TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    _staging_fail("${call}" "\"${target}\" is a ${type}, not an executable."
      "Name the test executable target.")
  endif()
  get_property(done GLOBAL PROPERTY "${registry}:${target}")
  if(done)
    _staging_fail("${call}" "\"${target}\" is registered already (${done})."
      "Register each test target once.")
  endif()
  set_property(GLOBAL PROPERTY "${registry}:${target}" "${CMAKE_CURRENT_LIST_FILE}")
  _staging_watch_directory()
endfunction()

# Writes the file ctest reads right after a discovery's own, which gives the
# tests it discovered (named in the variable <test_list>) the properties
# <pairs> (encoded, see _staging_extra_properties).
function(_staging_write_discovered_properties target test_list pairs)
  set(arguments "")
  while(pairs)
    list(POP_FRONT pairs property value)
    _staging_decode(property "${property}")
    _staging_decode(value "${value}")
    _staging_bracket(property "${property}")
    _staging_bracket(value "${value}")
    string(APPEND arguments "\n    ${property} ${value}")
  endwhile()
  _staging_bracket(list_name "${test_list}")
  string(MAKE_C_IDENTIFIER "${target}" stem)
  set(file "${CMAKE_CURRENT_BINARY_DIR}/staging_properties_${stem}.cmake")
  _staging_write_if_changed("${file}" "# Generated by StagingTests for the tests discovered in ${target}: the
# properties its staging call gave them. Do not edit: re-run CMake instead.
if(DEFINED ${list_name})
  set_tests_properties(\${${test_list}} PROPERTIES${arguments})
endif()
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${file}")
endfunction()

# At the end of the top-level configure: a project that made the toolkit
# available, has tests, and never asked for staging.
function(_staging_report_unused)
  get_property(active GLOBAL PROPERTY _STAGING_TESTS_ACTIVE)
  if(active)
    return()
  endif()
  _staging_directories(directories "${CMAKE_SOURCE_DIR}")
  foreach(directory IN LISTS directories)
    get_directory_property(enabled DIRECTORY "${directory}" DEFINITION CMAKE_TESTING_ENABLED)
    if(enabled)
      message(WARNING "StagingTests is available to this project, which has tests, but no test "
        "is pinned to the staging environment: nothing called staging_tests_configure(), "
        "add_staging_test() or add_staging_gtest(). Call staging_tests_configure() once, in the "
        "top-level CMakeLists.txt, to stage every test of the build tree.")
      return()
    endif()
  endforeach()
endfunction()
