# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: what happens once per build tree, at the end of
# the top-level configure, when every directory and every staging test is
# known. Scheduled by the first add_staging_test().

include_guard(GLOBAL)

function(_staging_schedule_finalize)
  get_property(scheduled GLOBAL PROPERTY _STAGING_TESTS_FINALIZE_SCHEDULED)
  if(scheduled)
    return()
  endif()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_FINALIZE_SCHEDULED TRUE)
  # Deferred to the top-level directory so that the session test and the
  # check program live there, where `ctest --test-dir <build>` finds them.
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _staging_finalize)
endfunction()

function(_staging_finalize)
  _staging_constants()
  set(state_dir "${CMAKE_BINARY_DIR}/StagingTests")
  _staging_write_policy_header("${state_dir}/include" policy_id)
  _staging_write_policy_json("${state_dir}/policy.json")
  _staging_add_check_program("${state_dir}")
  _staging_add_session_tests("${state_dir}")
  _staging_audit_configure()
  _staging_write_guard("${state_dir}" "${policy_id}" guard)
  _staging_attach_guard("${CMAKE_SOURCE_DIR}" "${guard}")
endfunction()

# The policy as the Python ctest scripts (suite audit, checklist) read it.
function(_staging_write_policy_json path)
  get_property(enforced GLOBAL PROPERTY _STAGING_TESTS_ENFORCED)
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  _staging_own_test_names(own)
  _staging_forced_entries(forced)
  set(json "{}")
  foreach(key enforced label fixture)
    _staging_json_string(value "${${key}}")
    string(JSON json SET "${json}" ${key} "${value}")
  endforeach()
  foreach(key own forced)
    set(array "[]")
    set(index 0)
    foreach(item IN LISTS ${key})
      _staging_decode(item "${item}")
      _staging_json_string(value "${item}")
      string(JSON array SET "${array}" ${index} "${value}")
      math(EXPR index "${index} + 1")
    endforeach()
    string(JSON json SET "${json}" ${key} "${array}")
  endforeach()
  # Plain file(WRITE): file(CONFIGURE) would rewrite an @name@ in a value.
  file(WRITE "${path}" "${json}\n")
endfunction()

# <value> as a JSON string literal.
function(_staging_json_string out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  string(REPLACE "\n" "\\n" value "${value}")
  string(REPLACE "\t" "\\t" value "${value}")
  string(REPLACE "\r" "\\r" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

# The tests StagingTests itself adds: the session, the suite audit and the
# checklist. Named after the label, not the fixture, so that
# `ctest -E staging_session` excludes the session only.
function(_staging_own_test_names out)
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  set(${out} "${fixture};${label}_suite_audit;${label}_checklist" PARENT_SCOPE)
endfunction()

function(_staging_write_policy_header dir out_id)
  get_property(enforced GLOBAL PROPERTY _STAGING_TESTS_ENFORCED)
  get_property(allowed GLOBAL PROPERTY _STAGING_TESTS_ALLOWED)
  get_property(vault GLOBAL PROPERTY _STAGING_TESTS_VAULT)
  get_property(pass_through GLOBAL PROPERTY _STAGING_TESTS_PASS_THROUGH)
  get_property(secrets GLOBAL PROPERTY _STAGING_TESTS_SECRETS)
  get_property(on_mismatch GLOBAL PROPERTY _STAGING_TESTS_ON_MISMATCH)
  get_property(canonical GLOBAL PROPERTY _STAGING_TESTS_CANONICAL)
  _staging_forced_entries(forced)

  _staging_cxx_literal(STAGING_CXX_ENFORCED "${enforced}")
  _staging_cxx_literal_list(STAGING_CXX_ALLOWED ${allowed})
  list(LENGTH allowed STAGING_CXX_ALLOWED_COUNT)
  _staging_cxx_literal_list(STAGING_CXX_PASS_THROUGH ${pass_through})
  list(LENGTH pass_through STAGING_CXX_PASS_THROUGH_COUNT)
  _staging_cxx_literal_list(STAGING_CXX_SECRETS ${secrets})
  list(LENGTH secrets STAGING_CXX_SECRETS_COUNT)

  _staging_cxx_pair_list(STAGING_CXX_FORCED STAGING_CXX_FORCED_COUNT ${forced})
  get_property(refuse GLOBAL PROPERTY _STAGING_TESTS_REFUSE)
  _staging_cxx_pair_list(STAGING_CXX_REFUSE STAGING_CXX_REFUSE_COUNT ${refuse})

  if(on_mismatch STREQUAL "FORCE")
    set(STAGING_CXX_ON_MISMATCH Force)
  else()
    set(STAGING_CXX_ON_MISMATCH Fail)
  endif()
  if(vault STREQUAL "")
    set(STAGING_CXX_VAULT_NAME "\"\"")
    set(STAGING_CXX_VAULT_URL "\"\"")
  else()
    _staging_cxx_literal(STAGING_CXX_VAULT_NAME "${vault}")
    _staging_cxx_literal(STAGING_CXX_VAULT_URL "https://${vault}.vault.azure.net/")
  endif()
  string(SHA256 policy_id "${canonical}")
  string(SUBSTRING "${policy_id}" 0 16 policy_id)
  _staging_cxx_literal(STAGING_CXX_POLICY_ID "${policy_id}")

  configure_file("${_STAGING_TESTS_TEMPLATE_DIR}/staging_compiled_policy.hpp.in"
    "${dir}/staging_compiled_policy.hpp" @ONLY)
  set(${out_id} "${policy_id}" PARENT_SCOPE)
endfunction()

# The check program starts once per test, and loading a shared libstdc++
# costs more than the check itself (tests/benchmarks/README.md, #1): link it
# statically where the toolchain can, else libstdc++ and libgcc alone. The
# probes are cached, and a toolchain that refuses both (a sanitizer build,
# say) keeps the default.
function(_staging_link_check_statically)
  # Defined here, not when the module is included: including the toolkit
  # alone adds nothing to a project (consume_subproject_adds_nothing).
  set(STAGING_TESTS_STATIC_CHECK ON CACHE BOOL
    "Link the StagingTests per-test check program statically where possible (speed only)")
  if(NOT STAGING_TESTS_STATIC_CHECK OR APPLE OR MSVC
      OR NOT CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang)$")
    return()
  endif()
  include(CheckLinkerFlag)
  set(CMAKE_REQUIRED_QUIET TRUE)
  check_linker_flag(CXX -static STAGING_TESTS_CHECK_LINKS_STATIC)
  if(STAGING_TESTS_CHECK_LINKS_STATIC)
    target_link_options(staging_tests_check PRIVATE -static)
    return()
  endif()
  check_linker_flag(CXX "-static-libstdc++;-static-libgcc" STAGING_TESTS_CHECK_LINKS_STATIC_RUNTIME)
  if(STAGING_TESTS_CHECK_LINKS_STATIC_RUNTIME)
    target_link_options(staging_tests_check PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()

function(_staging_add_check_program dir)
  set(check "${_STAGING_TESTS_TEMPLATE_DIR}/check")
  # The policy-independent rules and messages, shared by the check program
  # and the GoogleTest guard.
  add_library(staging_tests_core STATIC
    "${check}/staging/rules.cpp"
    "${check}/staging/messages.cpp"
    "${check}/staging/run_record.cpp")
  target_include_directories(staging_tests_core PUBLIC "${check}")
  target_compile_features(staging_tests_core PUBLIC cxx_std_17)
  set_target_properties(staging_tests_core PROPERTIES FOLDER StagingTests)

  add_executable(staging_tests_check "${check}/check_main.cpp" "${check}/staging/modes.cpp")
  target_include_directories(staging_tests_check PRIVATE "${dir}/include")
  target_link_libraries(staging_tests_check PRIVATE staging_tests_core)
  # A fixed place, so the ctest-time guard can find the program without
  # generator expressions; multi-config generators add /<Config>.
  set_target_properties(staging_tests_check PROPERTIES
    OUTPUT_NAME staging_tests_check
    RUNTIME_OUTPUT_DIRECTORY "${dir}"
    FOLDER StagingTests)
  _staging_link_check_statically()
  # The rules run before and after every GoogleTest case: optimise them even
  # in a Debug build, so that enforcement is not what makes a suite slow.
  target_compile_options(staging_tests_core PRIVATE
    $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O2>)

  # The GoogleTest guard compiles inside each test target that links it, with
  # that target's GoogleTest: the toolkit need not find GoogleTest itself.
  set(guard "${_STAGING_TESTS_TEMPLATE_DIR}/gtest_guard")
  add_library(staging_tests_gtest_guard INTERFACE)
  target_sources(staging_tests_gtest_guard INTERFACE
    "${guard}/staging/gtest_guard.cpp"
    "${guard}/staging_gtest_guard.cpp")
  target_include_directories(staging_tests_gtest_guard INTERFACE "${guard}" "${dir}/include")
  target_link_libraries(staging_tests_gtest_guard INTERFACE staging_tests_core)
  add_library(StagingTests::gtest_guard ALIAS staging_tests_gtest_guard)
  _staging_optimise_guard("${CMAKE_SOURCE_DIR}"
    "${guard}/staging/gtest_guard.cpp" "${guard}/staging_gtest_guard.cpp")
endfunction()

# The guard checks before and after every test, so like staging_tests_core it
# is optimised even in a Debug build: unoptimised, its walk of `environ` alone
# made 10,000 trivial tests a third slower (tests/benchmarks, #4). GNU and
# Clang only: MSVC refuses /O2 with a Debug build's /RTC1. Its sources compile
# inside the consumer's targets, and a source's properties belong to the
# directory of the target compiling it, so they are set in every directory
# (this runs once all exist); the project's own sources are left alone.
function(_staging_optimise_guard dir)
  set_source_files_properties(${ARGN} DIRECTORY "${dir}" PROPERTIES
    COMPILE_OPTIONS "$<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O2>")
  get_property(subdirectories DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    _staging_optimise_guard("${subdirectory}" ${ARGN})
  endforeach()
endfunction()

function(_staging_add_session_tests state_dir)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  _staging_own_test_names(own)
  list(GET own 1 audit)
  list(GET own 2 checklist)
  foreach(test IN LISTS own)
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_TEST:${test}" "${CMAKE_SOURCE_DIR}")
  endforeach()

  add_test(NAME "${fixture}" COMMAND staging_tests_check session)
  set_property(DIRECTORY APPEND PROPERTY _STAGING_TESTS_STAGED "${fixture}")
  # No ENVIRONMENT property: the session must see what the caller really
  # exported (kept for it by the ctest-time guard).
  set_tests_properties("${fixture}" PROPERTIES
    FIXTURES_SETUP "${fixture}"
    LABELS "${label}")

  # FindPython3 runs the interpreter twice on every configure to validate it;
  # the path found once is kept (re-configure costs, tests/benchmarks #2).
  if(NOT STAGING_TESTS_PYTHON_EXECUTABLE OR NOT EXISTS "${STAGING_TESTS_PYTHON_EXECUTABLE}")
    find_package(Python3 3.8 QUIET COMPONENTS Interpreter)
    if(Python3_Interpreter_FOUND)
      set(STAGING_TESTS_PYTHON_EXECUTABLE "${Python3_EXECUTABLE}" CACHE INTERNAL
        "The Python 3 interpreter of the StagingTests session scripts")
    else()
      unset(STAGING_TESTS_PYTHON_EXECUTABLE CACHE)
    endif()
  endif()
  if(NOT STAGING_TESTS_PYTHON_EXECUTABLE)
    message(WARNING "StagingTests: no Python 3 interpreter was found, so the session cannot "
      "audit the suite as ctest sees it (tests added at ctest time, hand-edited "
      "properties), and no end-of-run checklist is printed. Install python3 and "
      "re-run CMake; the per-test checks and the ctest-time guard still apply.")
    set_property(GLOBAL PROPERTY _STAGING_TESTS_AUDIT_AVAILABLE FALSE)
    return()
  endif()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_AUDIT_AVAILABLE TRUE)
  set(scripts "${_STAGING_TESTS_TEMPLATE_DIR}/scripts")
  # -E: no PYTHON* variable of the caller's (PYTHONPATH, PYTHONSTARTUP) runs
  # code inside the audit; -S: no site import, which halves Python's start
  # (the scripts use the standard library only).
  add_test(NAME "${audit}"
    COMMAND "${STAGING_TESTS_PYTHON_EXECUTABLE}" -E -S "${scripts}/staging_suite_audit.py"
      --policy "${state_dir}/policy.json"
      --ctest "${CMAKE_CTEST_COMMAND}"
      --build-dir "${CMAKE_BINARY_DIR}"
      "--config=$<CONFIG>")
  set_property(DIRECTORY APPEND PROPERTY _STAGING_TESTS_STAGED "${audit}" "${checklist}")
  set_tests_properties("${audit}" PROPERTIES
    FIXTURES_SETUP "${fixture}"
    LABELS "${label}")
  add_test(NAME "${checklist}"
    COMMAND "${STAGING_TESTS_PYTHON_EXECUTABLE}" -E -S "${scripts}/staging_checklist.py"
      --policy "${state_dir}/policy.json")
  set_tests_properties("${checklist}" PROPERTIES
    FIXTURES_CLEANUP "${fixture}"
    LABELS "${label}")
endfunction()

function(_staging_write_guard dir policy_id out)
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  _staging_forced_entries(forced)
  set(assignments "")
  foreach(entry IN LISTS forced)
    _staging_decode(entry "${entry}")
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
    _staging_bracket(value "${CMAKE_MATCH_2}")
    string(APPEND assignments "  set(ENV{${CMAKE_MATCH_1}} ${value})\n")
  endforeach()
  set(STAGING_GUARD_FORCE "${assignments}")
  set(STAGING_GUARD_POLICY_ID "${policy_id}")
  set(STAGING_GUARD_PROGRAM_DIR "${dir}")
  set(STAGING_GUARD_PROGRAM_NAME "staging_tests_check${CMAKE_EXECUTABLE_SUFFIX}")
  set(STAGING_GUARD_MULTI_CONFIG "${multi_config}")
  set(STAGING_GUARD_CONFIGURATIONS "${CMAKE_CONFIGURATION_TYPES}")
  set(STAGING_GUARD_BINARY_DIR "${CMAKE_BINARY_DIR}")
  _staging_own_test_names(STAGING_GUARD_OWN_TESTS)
  configure_file("${_STAGING_TESTS_TEMPLATE_DIR}/staging_guard.cmake.in"
    "${dir}/staging_guard.cmake" @ONLY)
  set(${out} "${dir}/staging_guard.cmake" PARENT_SCOPE)
endfunction()

# Every directory gets the guard first in its TEST_INCLUDE_FILES: ctest run
# from any sub-build-directory reads only that directory's test file, and the
# guard must act before any other include (e.g. GoogleTest's discovery).
function(_staging_attach_guard dir guard)
  get_property(includes DIRECTORY "${dir}" PROPERTY TEST_INCLUDE_FILES)
  list(REMOVE_ITEM includes "${guard}")
  set_property(DIRECTORY "${dir}" PROPERTY TEST_INCLUDE_FILES "${guard}" ${includes})
  get_property(subdirectories DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    _staging_attach_guard("${subdirectory}" "${guard}")
  endforeach()
endfunction()
