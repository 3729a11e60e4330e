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
  set(state_dir "${CMAKE_BINARY_DIR}/StagingTests")
  _staging_write_policy_header("${state_dir}/include" policy_id)
  _staging_add_check_program("${state_dir}")
  _staging_add_session_test()
  _staging_write_guard("${state_dir}" "${policy_id}" guard)
  _staging_attach_guard("${CMAKE_SOURCE_DIR}" "${guard}")
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

  set(pairs "")
  set(STAGING_CXX_FORCED_COUNT 0)
  foreach(entry IN LISTS forced)
    _staging_decode(entry "${entry}")
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
    _staging_cxx_literal(name "${CMAKE_MATCH_1}")
    _staging_cxx_literal(value "${CMAKE_MATCH_2}")
    list(APPEND pairs "{ ${name}, ${value} }")
    math(EXPR STAGING_CXX_FORCED_COUNT "${STAGING_CXX_FORCED_COUNT} + 1")
  endforeach()
  list(JOIN pairs ",\n    " STAGING_CXX_FORCED)

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

function(_staging_add_check_program dir)
  set(check "${_STAGING_TESTS_TEMPLATE_DIR}/check")
  # The policy-independent rules and messages, shared by the check program
  # and the GoogleTest guard.
  add_library(staging_tests_core STATIC
    "${check}/staging/rules.cpp"
    "${check}/staging/messages.cpp")
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
endfunction()

function(_staging_add_session_test)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  add_test(NAME "${fixture}" COMMAND staging_tests_check session)
  # No ENVIRONMENT property: the session must see what the caller really
  # exported (kept for it by the ctest-time guard).
  set_tests_properties("${fixture}" PROPERTIES
    FIXTURES_SETUP "${fixture}"
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
