# The case-test harness, modelled on CMake's RunCMake (Tests/RunCMake): a
# case is a small project and the expected outcome of each step beside it.
#
#   cmake -DAREA=<area> -DCASE=<case> -DWORK=<dir> -DTOOLKIT=<repo>
#         -DCASE_CMAKE=<cmake> -DCASE_CTEST=<ctest> -DCASE_GENERATOR=<gen>
#         [-DCASE_CONFIG=<cfg>] [-DTOOLS=<dir>]
#         [-DCASE_CONFIGURE_ARGS=<arg;...>] -P RunCases.cmake
# (CASE_CONFIGURE_ARGS go to every configure: where the test build put the
# frameworks the cases link, for example.)
#   cmake -DAREA=<area> -DLIST=1 -P RunCases.cmake     (prints the cases)
#
# tests/cases/<area>/ holds:
#   Cases.cmake        function(case_<name>) per case, made of the steps
#                      below; or function(case_default name), run for each
#                      <name>.cmake that has no function of its own
#   CMakeLists.txt     the area's project; it include()s ${CASE}.cmake
#   <name>.cmake       the case's own project code
#   <name>-<step>-result.txt   the step's exit code, a regular expression
#                              (default 0)
#   <name>-<step>-stdout.txt   a regular expression stdout must match
#   <name>-<step>-stderr.txt   a regular expression stderr must match;
#                              without one, stderr must hold no
#                              "CMake Warning" and no "Deprecation"
#   <name>-<step>-message.txt  text stderr must hold, whitespace aside
#                              (misuse messages; docs/misuse.md is made of
#                              these)
#   <name>-<step>-check.cmake  further checks (see "In a check script")
#
# Steps, each named <name>-<step> by its first argument:
#   case_configure(<step> [ARGS <arg>...] [ENV <NAME=value>...])
#   case_build(<step> [ARGS <arg>...])
#   case_ctest(<step> [ARGS <arg>...] [ENV <NAME=value>...] [UNSET <NAME>...]
#              [DIR <sub-directory of the build tree>] [MERGED])
#   case_command(<step> COMMAND <command>... [ENV ...] [UNSET ...] [MERGED]
#                [WORKING_DIRECTORY <dir>])
# Each also takes EXPECT <base>: the expectation files are <base>-*.txt and
# <base>-check.cmake instead of <name>-<step>-*, so that a family of steps
# written as a loop shares one set.
# ENV entries go through tests/tools/exec_env, so one name may be given
# twice (the second entry is appended, not replaced) and \xNN in a value is
# that byte. MERGED captures stdout and stderr together, in order, into
# stdout (for "the banner comes before the first test").
#
# Every step starts from this process's environment without the variables
# that would change what cmake, ctest or the tests do (ENVIRONMENT, AZURE_*,
# STAGING_TESTS_*, CTEST_*, CMAKE_*, GTEST_*, make's), plus LC_ALL=C.UTF-8.
#
# In a check script: STEP, RESULT, STDOUT, STDERR, BUILD (the build tree),
# WORK, MARKERS (the marker directory the probe writes to, emptied before
# each ctest step); call case_fail(<why>) for each failed expectation.
# Helpers: case_expect_statuses(<status> <test>...) (status: Passed, Failed,
# Killed, NotRun, Skipped, Absent), case_expect_markers(EXIST ... ABSENT
# ...), case_expect_match(<variable> <regex>),
# case_expect_no_match(<variable> <regex>).

cmake_minimum_required(VERSION 3.25)

set(CASES_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(AREA_DIR "${CASES_DIR}/${AREA}")
if(NOT EXISTS "${AREA_DIR}/Cases.cmake")
  message(FATAL_ERROR "RunCases: no area ${AREA} (${AREA_DIR}/Cases.cmake).")
endif()

# --- Steps ---------------------------------------------------------------

function(case_fail why)
  set_property(GLOBAL APPEND PROPERTY CASE_FAILURES "${STEP}: ${why}")
endfunction()

# Runs <command> in the cleaned environment plus the ENV and UNSET entries,
# sets RESULT, STDOUT and STDERR in the caller.
function(_case_execute)
  get_property(not_applicable GLOBAL PROPERTY CASE_NOT_APPLICABLE)
  if(not_applicable)
    return()  # the case said so; its remaining steps do nothing
  endif()
  cmake_parse_arguments(PARSE_ARGV 0 arg "MERGED" "WORKING_DIRECTORY;TIMEOUT" "COMMAND;ENV;UNSET")
  set(prefix "")
  if(arg_ENV OR arg_UNSET)
    if(NOT TOOLS)
      message(FATAL_ERROR "RunCases: ENV and UNSET need -DTOOLS=<dir of exec_env>.")
    endif()
    set(prefix "${TOOLS}/exec_env")
    foreach(name IN LISTS arg_UNSET)
      list(APPEND prefix --unset "${name}")
    endforeach()
    foreach(entry IN LISTS arg_ENV)
      list(APPEND prefix --add "${entry}")
    endforeach()
    list(APPEND prefix --)
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${WORK}")
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 600)
  endif()
  string(REPLACE ";" " " shown "${prefix};${arg_COMMAND}")
  message(STATUS "${STEP}: cd ${arg_WORKING_DIRECTORY} && ${shown}")
  if(arg_MERGED)
    execute_process(COMMAND ${prefix} ${arg_COMMAND}
      WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}" TIMEOUT ${arg_TIMEOUT}
      RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
    set(err "")
  else()
    execute_process(COMMAND ${prefix} ${arg_COMMAND}
      WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}" TIMEOUT ${arg_TIMEOUT}
      RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  endif()
  set(RESULT "${result}" PARENT_SCOPE)
  set(STDOUT "${out}" PARENT_SCOPE)
  set(STDERR "${err}" PARENT_SCOPE)
endfunction()

# Compares RESULT, STDOUT and STDERR of step <STEP> with its files.
function(_case_check expect)
  get_property(not_applicable GLOBAL PROPERTY CASE_NOT_APPLICABLE)
  if(not_applicable)
    return()
  endif()
  set(base "${AREA_DIR}/${STEP}")
  if(NOT expect STREQUAL "")
    set(base "${AREA_DIR}/${expect}")
  endif()
  set(expected_result 0)
  if(EXISTS "${base}-result.txt")
    file(STRINGS "${base}-result.txt" expected_result LIMIT_COUNT 1)
  endif()
  if(NOT RESULT MATCHES "^(${expected_result})$")
    case_fail("exit code ${RESULT}, expected ${expected_result}")
  endif()
  foreach(stream stdout stderr)
    string(TOUPPER "${stream}" variable)
    if(EXISTS "${base}-${stream}.txt")
      file(READ "${base}-${stream}.txt" expected)
      string(REGEX REPLACE "\n+$" "" expected "${expected}")
      if(NOT "${${variable}}" MATCHES "${expected}")
        case_fail("${stream} does not match ${base}-${stream}.txt:\n${expected}")
      endif()
    elseif(stream STREQUAL "stderr" AND "${STDERR}" MATCHES "CMake Warning|Deprecation")
      case_fail("stderr holds a CMake warning or deprecation notice, and the step has no ${base}-stderr.txt expecting one")
    endif()
  endforeach()
  if(EXISTS "${base}-message.txt")
    file(READ "${base}-message.txt" expected)
    string(REGEX REPLACE "[ \t\r\n]+" " " expected "${expected}")
    string(STRIP "${expected}" expected)
    string(REGEX REPLACE "[ \t\r\n]+" " " actual "${STDERR}")
    string(FIND "${actual}" "${expected}" at)
    if(at LESS 0)
      case_fail("stderr does not hold the message of ${base}-message.txt:\n${expected}")
    endif()
  endif()
  if(EXISTS "${base}-check.cmake")
    include("${base}-check.cmake")
  endif()
  get_property(failures GLOBAL PROPERTY CASE_FAILURES)
  if(failures)
    list(JOIN failures "\n  " failures)
    message(FATAL_ERROR "Case ${AREA}/${CASE} failed at step ${STEP}:\n  ${failures}\n"
      "---- exit code: ${RESULT}\n---- stdout:\n${STDOUT}\n---- stderr:\n${STDERR}")
  endif()
endfunction()

function(case_configure step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPECT" "ARGS;ENV;UNSET")
  set(STEP "${CASE}-${step}")
  set(config_args "")
  if(CASE_CONFIG AND NOT CASE_GENERATOR MATCHES "Multi-Config|Visual Studio|Xcode")
    set(config_args "-DCMAKE_BUILD_TYPE=${CASE_CONFIG}")
  endif()
  _case_execute(COMMAND "${CASE_CMAKE}" -S "${AREA_DIR}" -B "${BUILD}" -G "${CASE_GENERATOR}"
      --no-warn-unused-cli "-DCASE=${CASE}" "-DSTAGING_TESTS_ROOT=${TOOLKIT}"
      "-DCASE_COMMON_DIR=${CASES_DIR}/common" "-DCASE_MARKER_DIR=${MARKERS}"
      ${config_args} ${CASE_CONFIGURE_ARGS} ${arg_ARGS}
    ENV ${arg_ENV} UNSET ${arg_UNSET})
  _case_check("${arg_EXPECT}")
endfunction()

function(case_build step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPECT" "ARGS")
  set(STEP "${CASE}-${step}")
  set(config_args "")
  if(CASE_CONFIG)
    set(config_args --config "${CASE_CONFIG}")
  endif()
  _case_execute(COMMAND "${CASE_CMAKE}" --build "${BUILD}" ${config_args} ${arg_ARGS})
  _case_check("${arg_EXPECT}")
endfunction()

function(case_ctest step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "MERGED" "DIR;EXPECT" "ARGS;ENV;UNSET")
  set(STEP "${CASE}-${step}")
  file(REMOVE_RECURSE "${MARKERS}")
  file(MAKE_DIRECTORY "${MARKERS}")
  set(config_args "")
  if(CASE_CONFIG)
    set(config_args -C "${CASE_CONFIG}")
  endif()
  set(test_dir "${BUILD}")
  if(arg_DIR)
    set(test_dir "${BUILD}/${arg_DIR}")
  endif()
  set(merged "")
  if(arg_MERGED)
    set(merged MERGED)
  endif()
  _case_execute(COMMAND "${CASE_CTEST}" --test-dir "${test_dir}" ${config_args} ${arg_ARGS}
    ENV ${arg_ENV} UNSET ${arg_UNSET} ${merged} WORKING_DIRECTORY "${BUILD}")
  _case_check("${arg_EXPECT}")
endfunction()

function(case_command step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "MERGED" "WORKING_DIRECTORY;EXPECT" "COMMAND;ENV;UNSET")
  set(STEP "${CASE}-${step}")
  set(merged "")
  if(arg_MERGED)
    set(merged MERGED)
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${BUILD}")
  endif()
  _case_execute(COMMAND ${arg_COMMAND} ENV ${arg_ENV} UNSET ${arg_UNSET} ${merged}
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
  _case_check("${arg_EXPECT}")
endfunction()

# A case that does not apply to this CMake version: ctest reports it
# Skipped (the registration's SKIP_REGULAR_EXPRESSION), never Passed.
function(case_requires_cmake version)
  execute_process(COMMAND "${CASE_CMAKE}" --version OUTPUT_VARIABLE text)
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" found "${text}")
  if(found VERSION_LESS version)
    message(STATUS "CASE NOT APPLICABLE: ${AREA}/${CASE} needs CMake ${version}; this is ${found}")
    set_property(GLOBAL PROPERTY CASE_NOT_APPLICABLE TRUE)
  endif()
endfunction()

function(case_not_applicable_unless condition why)
  if(NOT ${condition})
    message(STATUS "CASE NOT APPLICABLE: ${AREA}/${CASE}: ${why}")
    set_property(GLOBAL PROPERTY CASE_NOT_APPLICABLE TRUE)
  endif()
endfunction()

# --- Helpers for check scripts -----------------------------------------

# The status ctest printed for each test in STDOUT: Passed, Failed, Killed
# (the process died of SIGKILL), NotRun, Skipped; Absent when not listed.
function(case_expect_statuses status)
  foreach(test IN LISTS ARGN)
    string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" escaped "${test}")
    set(line_regex "Test +#[0-9]+: ${escaped} \\.*[^\n]*")
    string(REGEX MATCH "${line_regex}" line "${STDOUT}")
    if(line STREQUAL "")
      set(found Absent)
    elseif(line MATCHES "\\*\\*\\*Skipped|Not Run \\(Disabled\\)")
      set(found Skipped)
    elseif(line MATCHES "\\*\\*\\*Not Run")
      set(found NotRun)
    elseif(line MATCHES "Subprocess killed")
      set(found Killed)
    elseif(line MATCHES "Passed")
      set(found Passed)
    else()
      set(found Failed)
    endif()
    if(NOT found STREQUAL status)
      case_fail("test '${test}' is ${found}, expected ${status}")
    endif()
  endforeach()
endfunction()

function(case_expect_markers)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "" "EXIST;ABSENT")
  foreach(name IN LISTS arg_EXIST)
    if(NOT EXISTS "${MARKERS}/${name}")
      case_fail("the probe '${name}' did not run")
    endif()
  endforeach()
  foreach(name IN LISTS arg_ABSENT)
    if(EXISTS "${MARKERS}/${name}")
      case_fail("the probe '${name}' ran")
    endif()
  endforeach()
endfunction()

function(case_expect_match variable regex)
  if(NOT "${${variable}}" MATCHES "${regex}")
    case_fail("${variable} does not match: ${regex}")
  endif()
endfunction()

function(case_expect_no_match variable regex)
  if("${${variable}}" MATCHES "${regex}")
    case_fail("${variable} matches what it must not: ${regex} (\"${CMAKE_MATCH_0}\")")
  endif()
endfunction()

# --- Run -------------------------------------------------------------------

include("${AREA_DIR}/Cases.cmake")

# The cases: every case_<name> function, and every <name>.cmake without one
# when the area has case_default.
get_cmake_property(commands COMMANDS)
set(cases "")
foreach(command IN LISTS commands)
  if(command MATCHES "^case_(.+)$" AND NOT CMAKE_MATCH_1 STREQUAL "default"
      AND EXISTS "${AREA_DIR}")
    list(APPEND cases "${CMAKE_MATCH_1}")
  endif()
endforeach()
# Commands the harness defines are not cases.
list(REMOVE_ITEM cases fail configure build ctest command requires_cmake not_applicable_unless
  expect_statuses expect_markers expect_match expect_no_match)
if(COMMAND case_default)
  file(GLOB files RELATIVE "${AREA_DIR}" "${AREA_DIR}/*.cmake")
  foreach(file IN LISTS files)
    string(REGEX REPLACE "\\.cmake$" "" name "${file}")
    string(TOLOWER "${name}" lower)
    if(NOT name MATCHES "-check$|^Cases$" AND NOT lower IN_LIST cases)
      list(APPEND cases "${name}")
    endif()
  endforeach()
endif()
list(SORT cases)

if(LIST)
  foreach(name IN LISTS cases)
    message("${name}")
  endforeach()
  return()
endif()

if(NOT DEFINED CASE OR NOT DEFINED WORK OR NOT DEFINED TOOLKIT OR NOT DEFINED CASE_CMAKE)
  message(FATAL_ERROR "RunCases: give -DCASE, -DWORK, -DTOOLKIT and -DCASE_CMAKE (see the top of this file).")
endif()
if(NOT CASE_CTEST)
  get_filename_component(bin "${CASE_CMAKE}" DIRECTORY)
  set(CASE_CTEST "${bin}/ctest")
endif()
if(NOT CASE_GENERATOR)
  set(CASE_GENERATOR Ninja)
endif()

# The environment every step starts from.
execute_process(COMMAND "${CMAKE_COMMAND}" -E environment OUTPUT_VARIABLE environment)
string(REPLACE "\n" ";" environment "${environment}")
foreach(entry IN LISTS environment)
  string(REGEX MATCH "^[^=]+" name "${entry}")
  if(name MATCHES "^(ENVIRONMENT|AZURE_.*|STAGING_TESTS_.*|CTEST_.*|GTEST_.*|DESTDIR|CLICOLOR|CLICOLOR_FORCE|DASHBOARD_TEST_FROM_CTEST|MAKEFLAGS|MFLAGS|MAKELEVEL|MAKEFILES|MAKE_TERMOUT|MAKE_TERMERR|VERBOSE)$"
      OR (name MATCHES "^CMAKE_" AND NOT name STREQUAL "CMAKE_BUILD_PARALLEL_LEVEL"))
    unset(ENV{${name}})
  endif()
endforeach()
set(ENV{LC_ALL} C.UTF-8)

set(BUILD "${WORK}/build")
set(MARKERS "${WORK}/markers")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}" "${MARKERS}")

string(TOLOWER "${CASE}" lower)
if(COMMAND "case_${lower}")
  cmake_language(CALL "case_${lower}")
elseif(COMMAND case_default AND EXISTS "${AREA_DIR}/${CASE}.cmake")
  case_default("${CASE}")
else()
  message(FATAL_ERROR "RunCases: area ${AREA} has no case ${CASE}.")
endif()
get_property(not_applicable GLOBAL PROPERTY CASE_NOT_APPLICABLE)
if(not_applicable)
  return()
endif()
message(STATUS "Case ${AREA}/${CASE}: every step as expected.")
