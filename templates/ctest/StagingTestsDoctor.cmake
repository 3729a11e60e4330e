# Distributed under the MIT License. See LICENSE for details.
#
# staging-doctor: what StagingTests does in this build tree, without running
# any test. Copied into <build>/StagingTests/doctor.cmake at the end of the
# configure; run by the staging-doctor target, or by hand:
#
#   cmake --build <build> --target staging-doctor
#   cmake -P <build>/StagingTests/doctor.cmake [-- [--json] [--config <config>]]
#
# It lists the suite as ctest reads it (ctest --show-only=json-v1, through the
# guard, which stages every test as it is read) and pipes the listing into
# the check program's doctor mode (templates/check/staging/doctor.hpp), which
# prints the one report: the policy, each directory's tests and their layers,
# and what the caller's environment would get. Nothing is written but a
# marker file for the length of the listing; the listing itself stays in the
# pipe.
#
# The caller is the doctor's to judge, not the guard's: a refused caller
# must still be explained, and the guard would stop ctest before it lists
# anything. So ctest alone gets STAGING_TESTS_DOCTOR_LISTING, naming the
# marker file; the guard skips judging the caller only when that file
# exists, and the check program refuses every test, session and checklist
# while the variable is set: such a ctest runs nothing.
#
# Exit code 0 when a ctest run from this environment would be accepted;
# otherwise the report says why and this script fails.

cmake_minimum_required(VERSION 3.25)

set(_doctor_json FALSE)
set(_doctor_config "${STAGING_DOCTOR_CONFIG}")
set(_doctor_config_given FALSE)
# The arguments after the script (cmake passes them on as CMAKE_ARGV<n>).
set(_doctor_after_script FALSE)
set(_doctor_wants_config FALSE)
math(EXPR _doctor_last "${CMAKE_ARGC} - 1")
foreach(_doctor_i RANGE 0 ${_doctor_last})
  set(_doctor_argument "${CMAKE_ARGV${_doctor_i}}")
  if(NOT _doctor_after_script)
    # -P <this script>: what follows is the doctor's.
    if(_doctor_argument STREQUAL "-P")
      math(EXPR _doctor_script "${_doctor_i} + 1")
    elseif(DEFINED _doctor_script AND _doctor_i EQUAL _doctor_script)
      set(_doctor_after_script TRUE)
    endif()
  elseif(_doctor_wants_config)
    set(_doctor_config "${_doctor_argument}")
    set(_doctor_config_given TRUE)
    set(_doctor_wants_config FALSE)
  elseif(_doctor_argument STREQUAL "--json")
    set(_doctor_json TRUE)
  elseif(_doctor_argument STREQUAL "--config")
    set(_doctor_wants_config TRUE)
  elseif(NOT _doctor_argument STREQUAL "--")
    message(FATAL_ERROR "staging-doctor: unknown argument '${_doctor_argument}'.\n"
      "Usage: cmake -P ${CMAKE_CURRENT_LIST_FILE} [-- [--json] [--config <config>]]")
  endif()
endforeach()

# guard-data.cmake beside this script holds the build tree's facts as one
# call; read the ones the doctor needs.
function(staging_tests_guard_data)
  set(keys POLICY_ID BUILD_DIR STATE_DIR CHECK_DIRECTORY CHECK_NAME CONFIGURATIONS)
  set(keyword "")
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE 0 ${last})
    set(argument "${ARGV${i}}")
    if(argument MATCHES "^[A-Z_]+$")
      set(keyword "${argument}")
    elseif(keyword IN_LIST keys)
      list(APPEND value_${keyword} "${argument}")
    endif()
  endforeach()
  foreach(key IN LISTS keys)
    set(_doctor_${key} "${value_${key}}" PARENT_SCOPE)
  endforeach()
endfunction()
if(NOT EXISTS "${CMAKE_CURRENT_LIST_DIR}/guard-data.cmake")
  message(FATAL_ERROR "staging-doctor: ${CMAKE_CURRENT_LIST_DIR}/guard-data.cmake is missing. "
    "Re-run CMake on the build tree.")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/guard-data.cmake")

# The check program: the target's, else the configuration's, as the guard
# finds it.
set(_doctor_check "${STAGING_DOCTOR_CHECK}")
if(_doctor_check STREQUAL "")
  if(_doctor_CONFIGURATIONS)
    if(_doctor_config STREQUAL "")
      foreach(_doctor_candidate IN LISTS _doctor_CONFIGURATIONS)
        if(EXISTS "${_doctor_CHECK_DIRECTORY}/${_doctor_candidate}/${_doctor_CHECK_NAME}")
          set(_doctor_config "${_doctor_candidate}")
          break()
        endif()
      endforeach()
    endif()
    set(_doctor_check "${_doctor_CHECK_DIRECTORY}/${_doctor_config}/${_doctor_CHECK_NAME}")
  else()
    set(_doctor_check "${_doctor_CHECK_DIRECTORY}/${_doctor_CHECK_NAME}")
  endif()
endif()
if(NOT EXISTS "${_doctor_check}")
  message(FATAL_ERROR "staging-doctor: the check program ${_doctor_check} is not built, and "
    "the doctor is one of its modes. Build it first: "
    "cmake --build \"${_doctor_BUILD_DIR}\" --target staging-doctor")
endif()

set(_doctor_ctest "${STAGING_DOCTOR_CTEST}")
if(_doctor_ctest STREQUAL "")
  get_filename_component(_doctor_bin "${CMAKE_COMMAND}" DIRECTORY)
  set(_doctor_ctest "${_doctor_bin}/ctest${CMAKE_EXECUTABLE_SUFFIX}")
endif()

set(_doctor_data "${_doctor_STATE_DIR}/doctor-data.txt")
set(_doctor_ctest_config "")
if(_doctor_CONFIGURATIONS)
  set(_doctor_data "${_doctor_STATE_DIR}/doctor-data-${_doctor_config}.txt")
  set(_doctor_ctest_config -C "${_doctor_config}")
elseif(_doctor_config_given)
  # A single-configuration tree is listed as plain ctest lists it, unless
  # asked for a configuration (tests with CONFIGURATIONS).
  set(_doctor_ctest_config -C "${_doctor_config}")
endif()
set(_doctor_json_argument "")
if(_doctor_json)
  set(_doctor_json_argument --json)
endif()

# The marker file the guard looks for: a name nobody can guess, for the
# length of the listing only.
string(RANDOM LENGTH 32 _doctor_token)
set(_doctor_marker "${_doctor_STATE_DIR}/doctor/listing-${_doctor_token}")
file(WRITE "${_doctor_marker}" "")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env "STAGING_TESTS_DOCTOR_LISTING=${_doctor_token}"
    "${_doctor_ctest}" --show-only=json-v1 --test-dir "${_doctor_BUILD_DIR}" ${_doctor_ctest_config}
  COMMAND "${_doctor_check}" doctor --listing - --data "${_doctor_data}"
    --policy-id "${_doctor_POLICY_ID}" --build-dir "${_doctor_BUILD_DIR}" ${_doctor_json_argument}
  WORKING_DIRECTORY "${_doctor_BUILD_DIR}"
  RESULTS_VARIABLE _doctor_results)
file(REMOVE "${_doctor_marker}")

list(GET _doctor_results 1 _doctor_result)
if(NOT _doctor_result EQUAL 0)
  # cmake -P has one failing exit code (1) before CMake 3.29; the check
  # program's (1 refused, 2 usage, 3 rebuild) is in the message.
  message(FATAL_ERROR "staging-doctor: a ctest run from this environment would not be "
    "accepted as it is (doctor exit code ${_doctor_result}); the report above says why.")
endif()
