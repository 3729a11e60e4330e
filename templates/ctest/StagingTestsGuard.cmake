# Distributed under the MIT License. See LICENSE for details.
#
# StagingTests' ctest-time guard: the one view of the suite.
#
# Copied into <build>/StagingTests/guard.cmake at the end of the configure and
# put first in every directory's TEST_INCLUDE_FILES, so ctest runs it inside
# its own process when it reads each directory's CTestTestfile.cmake, whatever
# flags it was given. In the first file ctest reads (the root) it:
#
# - proves that nothing ran before it: no command redefined, and its include
#   the first command of that file;
# - judges what the caller brought, with the check program (exit 8 before any
#   test when refused), and forces the policy's variables into ctest's own
#   environment, which every process ctest starts inherits;
# - redefines add_test() and set_tests_properties(), so that every test ctest
#   learns of from then on, however it was registered (add_staging_test,
#   add_test, gtest_discover_tests, a hand-written include file, a
#   sub-directory), runs under the check program and carries the label, the
#   session fixture and the forced environment;
# - registers the session and checklist tests.
#
# In every other directory it proves again that nothing ran before it there,
# and notes whether the directory is left out of the staging suite
# (EXCLUDE_DIRECTORIES). Redefining a built-in command is not a documented
# CMake interface: docs/design.md records why this is still the right place
# and what pins it (tests/cases/guard).
#
# Nothing here evaluates project code: the guard reads its data from
# guard-data.cmake beside it, generated at the end of the configure.

# `if` is a flow-control command, which CMake does not let anyone redefine,
# so these checks run before any command that could have been. A redefined
# built-in keeps the original as _<name>; a second redefinition of the same
# name makes the original unreachable, which the double underscore shows.
if(COMMAND _message)
  # message() itself cannot be trusted to stop ctest: an unknown command can,
  # since ctest runs no test after an error while it reads the suite.
  StagingTests_refused__message_was_redefined_before_the_StagingTests_guard()
endif()
if(COMMAND _cmake_policy OR COMMAND _include OR COMMAND _set OR COMMAND _unset
    OR COMMAND _list OR COMMAND _string OR COMMAND _file OR COMMAND _execute_process
    OR COMMAND _math OR COMMAND _cmake_language OR COMMAND _get_filename_component
    OR COMMAND _staging_tests_guard_directory OR COMMAND __staging_bracket)
  message(FATAL_ERROR "StagingTests: a built-in command was redefined before the StagingTests "
    "guard ran (a function or macro named like cmake_policy, include, set, list, string, file, "
    "execute_process, math, cmake_language, add_test or set_tests_properties in a script ctest "
    "reads earlier). Rename that function; ctest runs no test until then.")
endif()

# ctest reads its scripts with every policy at its OLD default.
cmake_policy(VERSION 3.25)

# ctest reads the root directory's file by the relative name
# "CTestTestfile.cmake" and every sub-directory's by its absolute path; an
# include() sets CMAKE_PARENT_LIST_FILE to the file it was called from.
if(CMAKE_PARENT_LIST_FILE STREQUAL "CTestTestfile.cmake")
  if(DEFINED _STAGING_TESTS_GUARD_ROOT OR COMMAND _add_test OR COMMAND _set_tests_properties)
    message(FATAL_ERROR "StagingTests: ctest read this directory's CTestTestfile.cmake after "
      "code that impersonates the StagingTests guard or redefines add_test() or "
      "set_tests_properties(). Remove that code; ctest runs no test until then.")
  endif()
  # Relative paths resolve against the directory ctest is reading.
  file(GLOB _staging_file "CTestTestfile.cmake")
  set(_STAGING_TESTS_GUARD_ROOT TRUE)
  set(_staging_root TRUE)
else()
  set(_staging_file "${CMAKE_PARENT_LIST_FILE}")
  set(_staging_root FALSE)
endif()

# Whatever ran before the guard in this file ran before it in the whole
# ctest process (the root) or before it in this directory: the deprecated
# TEST_INCLUDE_FILE property, which CMake writes before every
# TEST_INCLUDE_FILES entry, or an entry put before the guard's.
file(READ "${_staging_file}" _staging_head LIMIT 8192)
string(REGEX MATCH "^([ \t\r]*(#[^\n]*)?\n)*[ \t\r]*([^\n]*)" _staging_match "${_staging_head}")
if(NOT CMAKE_MATCH_3 STREQUAL "include(\"${CMAKE_CURRENT_LIST_FILE}\")")
  message(FATAL_ERROR "StagingTests: ${_staging_file} runs\n  ${CMAKE_MATCH_3}\n"
    "before the StagingTests guard, so whatever it does escapes the guard. It comes from the "
    "directory property TEST_INCLUDE_FILE (deprecated; CMake writes it first) or from an entry "
    "put before the guard in TEST_INCLUDE_FILES. Use TEST_INCLUDE_FILES and let StagingTests "
    "put its guard first, then re-run CMake; ctest runs no test until then.")
endif()

if(NOT _staging_root)
  # The root's work shows in the redefined commands as well as in its
  # variable: setting one variable cannot pass for it.
  if(NOT DEFINED _STAGING_TESTS_GUARD_ROOT OR NOT COMMAND _add_test
      OR NOT COMMAND _set_tests_properties OR NOT COMMAND staging_tests_guard_directory)
    get_filename_component(_staging_build "${CMAKE_CURRENT_LIST_DIR}" DIRECTORY)
    message(FATAL_ERROR "StagingTests: ctest reached ${_staging_file} through another "
      "CTestTestfile.cmake that does not start with the StagingTests guard (a hand-written "
      "file given to ctest --test-dir?), so the tests that file adds would escape it. Run ctest "
      "on the build tree itself, for example ctest --test-dir \"${_staging_build}\"; ctest "
      "runs no test until then.")
  endif()
  staging_tests_guard_directory("${_staging_file}")
  return()
endif()

# --- The root: once per ctest process -------------------------------------

# Reads guard-data.cmake's one call: the policy as the guard needs it.
# Every value arrives as a bracket argument, read byte for byte from ARGV<n>.
function(staging_tests_guard_data)
  set(scalars POLICY_ID BUILD_DIR STATE_DIR CHECK_DIRECTORY CHECK_NAME PRELOAD_NAME LABEL SESSION
    CHECKLIST ON_MISMATCH)
  set(lists CONFIGURATIONS ALLOWED EXCLUDE SECRETS LAUNCHERS EMULATOR)
  set(keyword "")
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE 0 ${last})
    set(argument "${ARGV${i}}")
    if(argument IN_LIST scalars OR argument IN_LIST lists OR argument STREQUAL "FORCE")
      set(keyword "${argument}")
      set(count 0)
      continue()
    endif()
    if(keyword IN_LIST scalars)
      set(_STAGING_TESTS_GUARD_${keyword} "${argument}" PARENT_SCOPE)
    elseif(keyword IN_LIST lists)
      # Names and paths: the configure refuses a ';' in any of them.
      list(APPEND value_${keyword} "${argument}")
    elseif(keyword STREQUAL "FORCE")
      # NAME VALUE pairs, in the check program's order (ENVIRONMENT first).
      math(EXPR count "${count} + 1")
      math(EXPR odd "${count} % 2")
      if(odd)
        set(name "${argument}")
      else()
        list(APPEND forced_names "${name}")
        set(_STAGING_TESTS_GUARD_FORCE_${name} "${argument}" PARENT_SCOPE)
        string(REPLACE ";" "\\;" entry "${name}=${argument}")
        list(APPEND environment "${entry}")
        string(REPLACE ";" "\\;" operation "${name}=set:${argument}")
        list(APPEND modification "${operation}")
      endif()
    endif()
  endforeach()
  foreach(keyword IN LISTS lists)
    set(_STAGING_TESTS_GUARD_${keyword} "${value_${keyword}}" PARENT_SCOPE)
  endforeach()
  set(_STAGING_TESTS_GUARD_FORCED_NAMES "${forced_names}" PARENT_SCOPE)
  # As test properties: ENVIRONMENT for every test, and the operations that
  # put the forced values back after a test's own ENVIRONMENT_MODIFICATION.
  set(_STAGING_TESTS_GUARD_ENVIRONMENT "${environment}" PARENT_SCOPE)
  set(_STAGING_TESTS_GUARD_MODIFICATION "${modification}" PARENT_SCOPE)
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/guard-data.cmake")
# The CMake twins of the rules (a copy of cmake/StagingTestsRules.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/rules.cmake")

# staging-doctor (doctor.cmake beside this file) lists the suite with this
# variable naming a file it made for the length of the listing. The caller
# is then the doctor's to judge (a refused caller must still be explained,
# and judging here would stop the listing); and the check program refuses
# every test, session and checklist while the variable is set, so such a
# ctest runs nothing. Any other value is refused here.
set(_STAGING_TESTS_GUARD_DOCTOR FALSE)
if(DEFINED ENV{STAGING_TESTS_DOCTOR_LISTING})
  set(_staging_token "$ENV{STAGING_TESTS_DOCTOR_LISTING}")
  if(NOT _staging_token MATCHES "^[0-9A-Za-z]+$"
      OR NOT EXISTS "${_STAGING_TESTS_GUARD_STATE_DIR}/doctor/listing-${_staging_token}")
    message(FATAL_ERROR "StagingTests: STAGING_TESTS_DOCTOR_LISTING is set in the environment "
      "that runs ctest. Only staging-doctor sets it, for the ctest that lists the suite, and "
      "nothing runs while it is set. Unset it; ctest runs no test until then.")
  endif()
  set(_STAGING_TESTS_GUARD_DOCTOR TRUE)
  set(_STAGING_TESTS_GUARD_DOCTOR_COUNT 0)
endif()

# Any configuration's check program carries the same policy; prefer the one
# ctest was asked for (-C), then any that is built.
set(_staging_check "")
set(_staging_wanted "")
set(_staging_stale FALSE)
if(_STAGING_TESTS_GUARD_CONFIGURATIONS)
  foreach(_staging_config IN LISTS _STAGING_TESTS_GUARD_CONFIGURATIONS)
    set(_staging_candidate
      "${_STAGING_TESTS_GUARD_CHECK_DIRECTORY}/${_staging_config}/${_STAGING_TESTS_GUARD_CHECK_NAME}")
    string(TOLOWER "${_staging_config}" _staging_config_lower)
    string(TOLOWER "${CTEST_CONFIGURATION_TYPE}" _staging_wanted_lower)
    if(_staging_config_lower STREQUAL _staging_wanted_lower OR _staging_wanted STREQUAL "")
      set(_staging_wanted "${_staging_candidate}")
    endif()
    if(EXISTS "${_staging_candidate}"
        AND (_staging_config_lower STREQUAL _staging_wanted_lower OR _staging_check STREQUAL ""))
      set(_staging_check "${_staging_candidate}")
    endif()
  endforeach()
else()
  set(_staging_wanted "${_STAGING_TESTS_GUARD_CHECK_DIRECTORY}/${_STAGING_TESTS_GUARD_CHECK_NAME}")
  if(EXISTS "${_staging_wanted}")
    set(_staging_check "${_staging_wanted}")
  endif()
endif()

if(NOT _staging_check STREQUAL "" AND NOT _STAGING_TESTS_GUARD_DOCTOR)
  # One rule and one set of messages: the check program judges the caller and
  # prints the banner or the refusal on stderr (stdout stays clean for
  # ctest --show-only=json-v1).
  # In a tree cross-built for Windows the check program is a Windows
  # program: it runs through the emulator, as every test does.
  execute_process(
    COMMAND ${_STAGING_TESTS_GUARD_EMULATOR} "${_staging_check}" guard
      --policy-id "${_STAGING_TESTS_GUARD_POLICY_ID}"
    RESULT_VARIABLE _staging_result)
  if(_staging_result EQUAL 3)
    # Built for another policy (the configure changed it): as unbuilt, the
    # suite can be listed, and nothing runs until the rebuild.
    set(_staging_check "")
    set(_staging_wanted "${_staging_wanted}.rebuild-first")
    set(_staging_stale TRUE)
  elseif(NOT _staging_result EQUAL 0)
    message(FATAL_ERROR
      "StagingTests: ctest stopped before running any test (see the message above).")
  endif()
endif()
if(_staging_check STREQUAL "" AND NOT _STAGING_TESTS_GUARD_DOCTOR)
  # Right after a configure the check program is not built, yet IDEs and
  # ctest -N list the suite. The rule for ENVIRONMENT (surrounding ASCII
  # whitespace and ASCII case ignored) is applied here as the check program
  # applies it; tests/cmake/rules_agree.cmake pins the two together. Nothing
  # can run until the build: every test needs the check program.
  set(_staging_caller "")
  if(DEFINED ENV{ENVIRONMENT})
    string(STRIP "$ENV{ENVIRONMENT}" _staging_caller)
  endif()
  if(NOT _staging_caller STREQUAL "" AND _STAGING_TESTS_GUARD_ON_MISMATCH STREQUAL "FAIL")
    _staging_environment_among(_staging_allowed "$ENV{ENVIRONMENT}" ${_STAGING_TESTS_GUARD_ALLOWED})
    if(NOT _staging_allowed)
      list(GET _STAGING_TESTS_GUARD_ALLOWED 0 _staging_enforced)
      string(TOUPPER "${_staging_enforced}" _staging_enforced)
      list(JOIN _STAGING_TESTS_GUARD_ALLOWED ", " _staging_allowed_text)
      _staging_printable(_staging_shown "$ENV{ENVIRONMENT}")
      # NOTICE prints the lines as they are, as the check program does.
      message(NOTICE "ERROR: Tests must run against ${_staging_enforced} environment only!\n"
        "Current environment: ${_staging_shown}\n"
        "Allowed environments: ${_staging_allowed_text}")
      message(FATAL_ERROR "StagingTests: ctest stopped before running any test.")
    endif()
  endif()
  if(_staging_stale)
    message(NOTICE "StagingTests: the check program was built for another policy than the one "
      "this build tree was configured with, so this suite can be listed but not run. Rebuild: "
      "cmake --build \"${_STAGING_TESTS_GUARD_BUILD_DIR}\"")
  else()
    message(NOTICE "StagingTests: the check program is not built yet, so this suite can be "
      "listed but not run. Build it first: cmake --build \"${_STAGING_TESTS_GUARD_BUILD_DIR}\"")
  endif()
endif()

# The session validates what the caller really exported, not what is forced
# below.
set(ENV{STAGING_TESTS_GUARD} 1)
if(DEFINED ENV{ENVIRONMENT})
  set(ENV{STAGING_TESTS_CALLER_ENVIRONMENT} "$ENV{ENVIRONMENT}")
else()
  unset(ENV{STAGING_TESTS_CALLER_ENVIRONMENT})
endif()
# unset() removes every entry of a name; a caller may have handed ctest two.
foreach(_staging_name IN LISTS _STAGING_TESTS_GUARD_FORCED_NAMES)
  unset(ENV{${_staging_name}})
  set(ENV{${_staging_name}} "${_STAGING_TESTS_GUARD_FORCE_${_staging_name}}")
endforeach()

# This invocation's run record (run_record.hpp); the session creates it.
string(TIMESTAMP _staging_now "%Y%m%dT%H%M%S" UTC)
string(RANDOM LENGTH 12 _staging_random)
set(_STAGING_TESTS_GUARD_RUN_DIR "${_STAGING_TESTS_GUARD_STATE_DIR}/runs/${_staging_now}-${_staging_random}")
set(_STAGING_TESTS_GUARD_CHECK "${_staging_wanted}")
if(NOT _staging_check STREQUAL "")
  set(_STAGING_TESTS_GUARD_CHECK "${_staging_check}")
endif()
# The process guard sits beside the check program it was built with.
set(_STAGING_TESTS_GUARD_PRELOAD "")
if(DEFINED _STAGING_TESTS_GUARD_PRELOAD_NAME)
  get_filename_component(_staging_check_dir "${_STAGING_TESTS_GUARD_CHECK}" DIRECTORY)
  set(_STAGING_TESTS_GUARD_PRELOAD "${_staging_check_dir}/${_STAGING_TESTS_GUARD_PRELOAD_NAME}")
endif()
# Only the guard's own variables may reach the tests: a caller's cannot pass
# for them (a death-test child's parent, say).
foreach(_staging_name STAGING_TESTS_GUARD_PARENT STAGING_TESTS_RUN_DIR STAGING_TESTS_CHECK
    STAGING_TESTS_TEST)
  unset(ENV{${_staging_name}})
endforeach()

# Called by the guard in every directory but the root: proves nothing ran
# before it there (done above) and notes whether the directory's tests are
# left out of the staging suite.
function(staging_tests_guard_directory file)
  get_filename_component(directory "${file}" DIRECTORY)
  # The configure listed every binary directory whose source is excluded.
  if(directory IN_LIST _STAGING_TESTS_GUARD_EXCLUDE)
    set(_STAGING_TESTS_GUARD_OUTSIDE TRUE PARENT_SCOPE)
  else()
    set(_STAGING_TESTS_GUARD_OUTSIDE FALSE PARENT_SCOPE)
  endif()
  if(_STAGING_TESTS_GUARD_DOCTOR)
    # staging-doctor's marker (templates/check/staging/doctor.hpp): the tests
    # listed after it, up to the next, were read from this directory.
    math(EXPR count "${_STAGING_TESTS_GUARD_DOCTOR_COUNT} + 1")
    set(_STAGING_TESTS_GUARD_DOCTOR_COUNT ${count} PARENT_SCOPE)
    _add_test("StagingTests.doctor.directory.${count}" "${_STAGING_TESTS_GUARD_CHECK}" doctor-marker)
    _set_tests_properties("StagingTests.doctor.directory.${count}" PROPERTIES
      DISABLED TRUE WORKING_DIRECTORY "${directory}")
  endif()
endfunction()

# Every add_test() ctest reads from here on comes through this function,
# whoever wrote it, in this directory and every one below. The built-in is
# _add_test from now on, and a later redefinition of add_test() can only
# reach it through this one.
function(add_test)
  # A redefinition of add_test() after this one turns this one into
  # _add_test, so that this one then calls itself: the built-in is out of
  # reach for everyone, and the flag below names the cause.
  if(_STAGING_TESTS_GUARD_IN_ADD_TEST OR COMMAND _string OR COMMAND _list OR COMMAND _message
      OR COMMAND _set OR COMMAND _math OR COMMAND _cmake_language
      OR COMMAND __staging_bracket)
    message(FATAL_ERROR "StagingTests: a command StagingTests relies on was redefined while "
      "ctest read the suite (add_test, set_tests_properties, string, list, message, set, math "
      "or cmake_language), so test '${ARGV0}' cannot be staged. Rename that function; ctest "
      "runs no test until then.")
    # When message() itself is the redefined one.
    StagingTests_refused__a_command_the_guard_relies_on_was_redefined()
  endif()
  set(_STAGING_TESTS_GUARD_IN_ADD_TEST TRUE)
  if(ARGV0 STREQUAL _STAGING_TESTS_GUARD_SESSION OR ARGV0 STREQUAL _STAGING_TESTS_GUARD_CHECKLIST)
    message(FATAL_ERROR "StagingTests: a test is named '${ARGV0}', the name of the StagingTests "
      "test of the same name. Rename it, or rename StagingTests' with "
      "staging_tests_configure(FIXTURE ...) or LABEL; ctest runs no test until then.")
  endif()
  # A tree cross-built for Windows on another host: CMake put the emulator
  # (Wine) first in the command of every test whose program is a target.
  # The check program, a Windows program too, takes the test's place behind
  # the emulator and starts the test's program itself, as a Windows child.
  # A program of the host cannot be started that way (under Wine it even
  # "succeeds" with exit code 0 whatever it did), so it is refused.
  if(NOT "${_STAGING_TESTS_GUARD_EMULATOR}" STREQUAL "")
    if(ARGC EQUAL 2 AND ARGV1 STREQUAL "NOT_AVAILABLE")
      _add_test("${ARGV0}" NOT_AVAILABLE)
      return()
    endif()
    set(first 1)
    foreach(word IN LISTS _STAGING_TESTS_GUARD_EMULATOR)
      if(first LESS ARGC AND "${ARGV${first}}" STREQUAL "${word}")
        math(EXPR first "${first} + 1")
      else()
        set(first 0)
        break()
      endif()
    endforeach()
    if(first EQUAL 0 OR NOT first LESS ARGC)
      list(JOIN _STAGING_TESTS_GUARD_EMULATOR " " emulator)
      message(FATAL_ERROR "StagingTests: test '${ARGV0}' runs '${ARGV1}', which is not a "
        "program of this build: the build tree is cross-built for Windows, its check program "
        "runs under the emulator (${emulator}) and can start Windows programs only. Give the "
        "test a target of the build as its COMMAND (CMake runs it through the emulator); "
        "ctest runs no test until then.")
    endif()
    set(code "_add_test(")
    _staging_bracket(name "${ARGV0}")
    string(APPEND code "${name}")
    foreach(word IN LISTS _STAGING_TESTS_GUARD_EMULATOR)
      _staging_bracket(word "${word}")
      string(APPEND code " ${word}")
    endforeach()
    _staging_bracket(check "${_STAGING_TESTS_GUARD_CHECK}")
    _staging_bracket(run_dir "${_STAGING_TESTS_GUARD_RUN_DIR}")
    string(APPEND code " ${check} run --run-dir ${run_dir} --test ${name}")
    if(_STAGING_TESTS_GUARD_OUTSIDE)
      string(APPEND code " --outside")
    endif()
    string(APPEND code " --")
    math(EXPR last "${ARGC} - 1")
    foreach(i RANGE ${first} ${last})
      _staging_bracket(argument "${ARGV${i}}")
      string(APPEND code " ${argument}")
    endforeach()
    cmake_language(EVAL CODE "${code})")
    if(_STAGING_TESTS_GUARD_OUTSIDE)
      _set_tests_properties("${ARGV0}" PROPERTIES ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
      _set_tests_properties("${_STAGING_TESTS_GUARD_CHECKLIST}" PROPERTIES DEPENDS "${ARGV0}")
    else()
      _set_tests_properties("${ARGV0}" PROPERTIES
        LABELS "${_STAGING_TESTS_GUARD_LABEL}"
        FIXTURES_REQUIRED "${_STAGING_TESTS_GUARD_SESSION}"
        ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
    endif()
    return()
  endif()
  # The common tests, a program with at most one argument inside the staging
  # suite and no launcher in the build, in one comparison: CMake's if()
  # costs per operand and compiles its regular expressions per call, and
  # quoted forwarding passes every byte on unchanged.
  set(shape "${_STAGING_TESTS_GUARD_OUTSIDE}${_STAGING_TESTS_GUARD_LAUNCHERS};${ARGC}")
  if(shape STREQUAL "FALSE;2" AND NOT ARGV1 STREQUAL "NOT_AVAILABLE")
    _add_test("${ARGV0}" "${_STAGING_TESTS_GUARD_CHECK}" run --run-dir
      "${_STAGING_TESTS_GUARD_RUN_DIR}" --test "${ARGV0}" -- "${ARGV1}")
    _set_tests_properties("${ARGV0}" PROPERTIES LABELS "${_STAGING_TESTS_GUARD_LABEL}"
      FIXTURES_REQUIRED "${_STAGING_TESTS_GUARD_SESSION}" ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
    return()
  elseif(shape STREQUAL "FALSE;3")
    _add_test("${ARGV0}" "${_STAGING_TESTS_GUARD_CHECK}" run --run-dir
      "${_STAGING_TESTS_GUARD_RUN_DIR}" --test "${ARGV0}" -- "${ARGV1}" "${ARGV2}")
    _set_tests_properties("${ARGV0}" PROPERTIES LABELS "${_STAGING_TESTS_GUARD_LABEL}"
      FIXTURES_REQUIRED "${_STAGING_TESTS_GUARD_SESSION}" ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
    return()
  endif()
  # Longer commands, the same way when ARGV holds the arguments exactly
  # (none holds a ';', '[', ']' or '\', none is empty).
  list(LENGTH ARGV count)
  if(count EQUAL ARGC AND NOT _STAGING_TESTS_GUARD_OUTSIDE
      AND "${_STAGING_TESTS_GUARD_LAUNCHERS}" STREQUAL "" AND NOT ARGV1 STREQUAL "NOT_AVAILABLE"
      AND NOT ";${ARGV};" MATCHES "[][\\]|;;")
    list(POP_FRONT ARGV name)
    _add_test("${name}" "${_STAGING_TESTS_GUARD_CHECK}" run --run-dir
      "${_STAGING_TESTS_GUARD_RUN_DIR}" --test "${name}" -- ${ARGV})
    _set_tests_properties("${name}" PROPERTIES
      LABELS "${_STAGING_TESTS_GUARD_LABEL}"
      FIXTURES_REQUIRED "${_STAGING_TESTS_GUARD_SESSION}"
      ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
    return()
  endif()
  # A multi-config build not built for this configuration: nothing to run.
  if(ARGC EQUAL 2 AND ARGV1 STREQUAL "NOT_AVAILABLE")
    _add_test("${ARGV0}" NOT_AVAILABLE)
    return()
  endif()
  set(wrapper "${_STAGING_TESTS_GUARD_CHECK}" run --run-dir "${_STAGING_TESTS_GUARD_RUN_DIR}"
    --test "${ARGV0}")
  if(_STAGING_TESTS_GUARD_OUTSIDE)
    list(APPEND wrapper --outside)
  endif()
  # A test launcher or emulator runs after the check: the process guard it
  # preloads checks every process the launcher starts.
  set(launched FALSE)
  if(ARGV1 IN_LIST _STAGING_TESTS_GUARD_LAUNCHERS AND NOT _STAGING_TESTS_GUARD_PRELOAD STREQUAL "")
    set(launched TRUE)
    list(APPEND wrapper --preload "${_STAGING_TESTS_GUARD_PRELOAD}")
  endif()
  # The arguments must reach the built-in byte for byte. When none holds a
  # ';', '[', ']' or '\' and none is empty, ARGV is exactly them.
  list(LENGTH ARGV count)
  if(count EQUAL ARGC AND NOT ";${ARGV};" MATCHES "[][\\]|;;")
    list(POP_FRONT ARGV name)
    _add_test("${name}" ${wrapper} -- ${ARGV})
  else()
    # Otherwise each argument becomes a bracket argument of an evaluated call.
    _staging_bracket(name "${ARGV0}")
    _staging_bracket(check "${_STAGING_TESTS_GUARD_CHECK}")
    _staging_bracket(run_dir "${_STAGING_TESTS_GUARD_RUN_DIR}")
    set(code "_add_test(${name} ${check} run --run-dir ${run_dir} --test ${name}")
    if(_STAGING_TESTS_GUARD_OUTSIDE)
      string(APPEND code " --outside")
    endif()
    if(launched)
      _staging_bracket(preload "${_STAGING_TESTS_GUARD_PRELOAD}")
      string(APPEND code " --preload ${preload}")
    endif()
    string(APPEND code " --")
    math(EXPR last "${ARGC} - 1")
    foreach(i RANGE 1 ${last})
      _staging_bracket(argument "${ARGV${i}}")
      string(APPEND code " ${argument}")
    endforeach()
    cmake_language(EVAL CODE "${code})")
  endif()
  if(_STAGING_TESTS_GUARD_OUTSIDE)
    _set_tests_properties("${ARGV0}" PROPERTIES ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
    # The checklist runs after every test it reports on, these included.
    _set_tests_properties("${_STAGING_TESTS_GUARD_CHECKLIST}" PROPERTIES DEPENDS "${ARGV0}")
  else()
    _set_tests_properties("${ARGV0}" PROPERTIES
      LABELS "${_STAGING_TESTS_GUARD_LABEL}"
      FIXTURES_REQUIRED "${_STAGING_TESTS_GUARD_SESSION}"
      ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
  endif()
endfunction()

# Every property set on a test from here on comes through this function.
# Inside ctest, set_tests_properties() appends to list properties, so what
# add_test() gave a test stays; this refuses what would touch the toolkit's
# own tests, variables or fixture, or would leave a secret's value in the
# build tree, and keeps tests outside the staging suite forced.
function(set_tests_properties)
  if(_STAGING_TESTS_GUARD_IN_SET_TESTS_PROPERTIES OR COMMAND _string OR COMMAND _list
      OR COMMAND _message OR COMMAND _set OR COMMAND _math OR COMMAND _cmake_language
      OR COMMAND __staging_is_secret_name)
    message(FATAL_ERROR "StagingTests: a command StagingTests relies on was redefined while "
      "ctest read the suite (add_test, set_tests_properties, string, list, message, set, math "
      "or cmake_language), so the properties of test '${ARGV0}' cannot be checked. Rename "
      "that function; ctest runs no test until then.")
    StagingTests_refused__a_command_the_guard_relies_on_was_redefined()
  endif()
  set(_STAGING_TESTS_GUARD_IN_SET_TESTS_PROPERTIES TRUE)
  # What CMake writes for every test: its backtrace.
  if(ARGC EQUAL 4 AND ARGV1 STREQUAL "PROPERTIES" AND ARGV2 STREQUAL "_BACKTRACE_TRIPLES"
      AND NOT ARGV0 STREQUAL _STAGING_TESTS_GUARD_SESSION
      AND NOT ARGV0 STREQUAL _STAGING_TESTS_GUARD_CHECKLIST)
    _set_tests_properties("${ARGV0}" PROPERTIES _BACKTRACE_TRIPLES "${ARGV3}")
    return()
  endif()
  # One test and up to four properties, none the guard checks (what
  # gtest_discover_tests writes for every case: WORKING_DIRECTORY,
  # SKIP_REGULAR_EXPRESSION, DISABLED, DEF_SOURCE_LINE): passed on as they
  # are, each value quoted. A checked name anywhere in the call, even as a
  # value, takes the full path below.
  if(ARGV1 STREQUAL "PROPERTIES" AND NOT ARGV0 STREQUAL _STAGING_TESTS_GUARD_SESSION
      AND NOT ARGV0 STREQUAL _STAGING_TESTS_GUARD_CHECKLIST
      AND NOT ";${ARGV};" MATCHES ";(ENVIRONMENT|ENVIRONMENT_MODIFICATION|FIXTURES_SETUP|FIXTURES_CLEANUP);")
    if(ARGC EQUAL 6)
      _set_tests_properties("${ARGV0}" PROPERTIES "${ARGV2}" "${ARGV3}" "${ARGV4}" "${ARGV5}")
      return()
    elseif(ARGC EQUAL 4)
      _set_tests_properties("${ARGV0}" PROPERTIES "${ARGV2}" "${ARGV3}")
      return()
    elseif(ARGC EQUAL 5)
      # doctest_discover_tests: WORKING_DIRECTORY <dir> LABELS, the last
      # without a value (no ADD_LABELS), passed on for the built-in to
      # treat as it always did.
      _set_tests_properties("${ARGV0}" PROPERTIES "${ARGV2}" "${ARGV3}" "${ARGV4}")
      return()
    elseif(ARGC EQUAL 8)
      _set_tests_properties("${ARGV0}" PROPERTIES "${ARGV2}" "${ARGV3}" "${ARGV4}" "${ARGV5}"
        "${ARGV6}" "${ARGV7}")
      return()
    elseif(ARGC EQUAL 10)
      _set_tests_properties("${ARGV0}" PROPERTIES "${ARGV2}" "${ARGV3}" "${ARGV4}" "${ARGV5}"
        "${ARGV6}" "${ARGV7}" "${ARGV8}" "${ARGV9}")
      return()
    endif()
  endif()
  set(tests "")
  set(first_property -1)
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE 0 ${last})
    if(ARGV${i} STREQUAL "PROPERTIES")
      math(EXPR first_property "${i} + 1")
      break()
    endif()
    if(ARGV${i} STREQUAL _STAGING_TESTS_GUARD_SESSION
        OR ARGV${i} STREQUAL _STAGING_TESTS_GUARD_CHECKLIST)
      message(FATAL_ERROR "StagingTests: set_tests_properties() sets properties of the "
        "StagingTests test '${ARGV${i}}', which could keep it from validating the run. Remove "
        "that call; ctest runs no test until then.")
    endif()
    list(APPEND tests ${i})
  endforeach()
  if(first_property LESS 0 OR first_property GREATER last)
    return()  # as the built-in: nothing to set
  endif()
  set(restore_environment FALSE)
  set(restore_modification FALSE)
  foreach(i RANGE ${first_property} ${last} 2)
    math(EXPR v "${i} + 1")
    set(property "${ARGV${i}}")
    set(value "")
    if(v LESS_EQUAL last)
      set(value "${ARGV${v}}")
    endif()
    if(property STREQUAL "ENVIRONMENT" OR property STREQUAL "ENVIRONMENT_MODIFICATION")
      foreach(entry IN LISTS value)
        string(REGEX MATCH "^[^=]*" variable "${entry}")
        _staging_is_secret_name(secret "${variable}" "${_STAGING_TESTS_GUARD_SECRETS}")
        # An operation without a value (reset:, unset:) writes no secret;
        # in ENVIRONMENT the same text is a value.
        if(secret AND NOT (property STREQUAL "ENVIRONMENT_MODIFICATION"
            AND entry MATCHES "^[^=]*=(reset|unset):$"))
          message(FATAL_ERROR "StagingTests: the ${property} property of test '${ARGV0}' "
            "gives the secret ${variable} a value, which is now written in the build tree "
            "(CTestTestfile.cmake). Remove it from the test's properties and export "
            "${variable} in the environment that runs ctest: tests inherit it. Then re-run "
            "CMake; ctest runs no test until then.")
        endif()
        if(variable MATCHES "^STAGING_TESTS_")
          message(FATAL_ERROR "StagingTests: the ${property} property of test '${ARGV0}' sets "
            "${variable}, one of the variables StagingTests sets for itself. Remove it from the "
            "test's properties; ctest runs no test until then.")
        endif()
      endforeach()
      if(_STAGING_TESTS_GUARD_OUTSIDE)
        set(restore_${property} TRUE)
      endif()
    elseif(property MATCHES "^FIXTURES_(SETUP|CLEANUP)$"
        AND _STAGING_TESTS_GUARD_SESSION IN_LIST value)
      message(FATAL_ERROR "StagingTests: test '${ARGV0}' declares ${property} "
        "${_STAGING_TESTS_GUARD_SESSION}, the StagingTests session's fixture. Use a fixture of "
        "your own; ctest runs no test until then.")
    endif()
    foreach(t IN LISTS tests)
      _set_tests_properties("${ARGV${t}}" PROPERTIES "${property}" "${value}")
    endforeach()
  endforeach()
  # A test outside the staging suite still never runs with another value of
  # a forced variable: the forced entries go after its own (later entries
  # win, and ENVIRONMENT_MODIFICATION is applied after ENVIRONMENT).
  foreach(t IN LISTS tests)
    if(restore_ENVIRONMENT)
      _set_tests_properties("${ARGV${t}}" PROPERTIES ENVIRONMENT "${_STAGING_TESTS_GUARD_ENVIRONMENT}")
    endif()
    if(restore_ENVIRONMENT_MODIFICATION)
      _set_tests_properties("${ARGV${t}}" PROPERTIES
        ENVIRONMENT_MODIFICATION "${_STAGING_TESTS_GUARD_MODIFICATION}")
    endif()
  endforeach()
endfunction()

# The session every staging test requires, and the checklist after them.
# They carry no ENVIRONMENT property: the session must see ctest's
# environment as the guard left it.
_add_test("${_STAGING_TESTS_GUARD_SESSION}" ${_STAGING_TESTS_GUARD_EMULATOR}
  "${_STAGING_TESTS_GUARD_CHECK}" session --run-dir "${_STAGING_TESTS_GUARD_RUN_DIR}")
_set_tests_properties("${_STAGING_TESTS_GUARD_SESSION}" PROPERTIES
  FIXTURES_SETUP "${_STAGING_TESTS_GUARD_SESSION}"
  LABELS "${_STAGING_TESTS_GUARD_LABEL}")
_add_test("${_STAGING_TESTS_GUARD_CHECKLIST}" ${_STAGING_TESTS_GUARD_EMULATOR}
  "${_STAGING_TESTS_GUARD_CHECK}" checklist --run-dir "${_STAGING_TESTS_GUARD_RUN_DIR}")
_set_tests_properties("${_STAGING_TESTS_GUARD_CHECKLIST}" PROPERTIES
  FIXTURES_CLEANUP "${_STAGING_TESTS_GUARD_SESSION}"
  LABELS "${_STAGING_TESTS_GUARD_LABEL}")

staging_tests_guard_directory("${_staging_file}")
foreach(_staging_variable _staging_file _staging_root _staging_head _staging_match
    _staging_check _staging_wanted _staging_config _staging_candidate _staging_config_lower
    _staging_wanted_lower _staging_result _staging_caller _staging_same
    _staging_allowed _staging_name _staging_enforced _staging_allowed_text _staging_now
    _staging_random _staging_check_dir _staging_stale _staging_token)
  unset(${_staging_variable})
endforeach()
