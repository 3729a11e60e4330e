# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the configure-time audit. At the end of the
# top-level configure every test defined in the audited directories must
# have come through the toolkit; a plain add_test() or a bare
# gtest_discover_tests() either fails the configure or, with
# staging_tests_configure(ADOPT) on CMake 3.28 or newer, is adopted.

include_guard(GLOBAL)

function(_staging_audit_configure)
  get_property(scopes GLOBAL PROPERTY _STAGING_TESTS_AUDIT_DIRECTORIES)
  if(NOT scopes)
    set(scopes "${CMAKE_SOURCE_DIR}")
  endif()
  get_property(adopt GLOBAL PROPERTY _STAGING_TESTS_ADOPT)

  set(offenders "")
  set(queue "${CMAKE_SOURCE_DIR}")
  while(queue)
    list(POP_FRONT queue dir)
    get_property(subdirectories DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
    list(APPEND queue ${subdirectories})
    _staging_in_audit_scope(in_scope "${dir}" "${scopes}")
    if(NOT in_scope)
      continue()
    endif()

    # Every staging test is listed in its directory's _STAGING_TESTS_STAGED
    # right where add_test() made it, so equal counts mean no other test:
    # the per-test loop is only for a directory that has one.
    get_property(tests DIRECTORY "${dir}" PROPERTY TESTS)
    get_property(staged DIRECTORY "${dir}" PROPERTY _STAGING_TESTS_STAGED)
    list(LENGTH tests test_count)
    list(LENGTH staged staged_count)
    if(test_count EQUAL staged_count)
      set(tests "")
    endif()
    foreach(test IN LISTS tests)
      get_property(owner GLOBAL PROPERTY "_STAGING_TESTS_TEST:${test}")
      if(owner STREQUAL dir)
        continue()
      endif()
      if(adopt)
        _staging_adopt_test("${test}" "${dir}")
      endif()
      list(APPEND offenders "  ${test} (add_test in ${dir})")
    endforeach()

    get_property(includes DIRECTORY "${dir}" PROPERTY TEST_INCLUDE_FILES)
    foreach(include IN LISTS includes)
      # gtest_discover_tests() names its script <target>[<n>]_include.cmake.
      if(NOT include MATCHES "/([^/]+)\\[[0-9]+\\]_include\\.cmake$")
        continue()
      endif()
      set(target "${CMAKE_MATCH_1}")
      get_property(staged GLOBAL PROPERTY "_STAGING_TESTS_GTEST:${target}")
      if(staged)
        continue()
      endif()
      if(adopt)
        get_property(binary_dir DIRECTORY "${dir}" PROPERTY BINARY_DIR)
        # An adopted target gets the staging properties only; a project that
        # named another TEST_LIST is caught by the session's suite audit.
        foreach(keyword LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES)
          unset(arg_${keyword})
        endforeach()
        set(arg_TEST_LIST "${target}_TESTS")
        _staging_write_gtest_properties("staging_tests_configure(ADOPT)" "${target}"
          "${dir}" "${binary_dir}")
      endif()
      list(APPEND offenders "  GoogleTest target ${target} (gtest_discover_tests in ${dir})")
    endforeach()
  endwhile()

  if(NOT offenders)
    return()
  endif()
  list(JOIN offenders "\n" listed)
  if(adopt)
    message(STATUS "StagingTests: adopted these tests into the staging suite "
      "(label, session fixture, forced environment):\n${listed}")
    return()
  endif()
  message(FATAL_ERROR "StagingTests: these tests did not go through the toolkit, so nothing pins them to staging:\n"
    "${listed}\n"
    "Register them with add_staging_test() or add_staging_gtest() instead of add_test() or "
    "gtest_discover_tests(); or let staging_tests_configure(ADOPT) adopt them (CMake 3.28 "
    "or newer); or, for third-party code, leave their directories out of "
    "staging_tests_configure(AUDIT_DIRECTORIES ...).")
endfunction()

function(_staging_in_audit_scope out dir scopes)
  foreach(scope IN LISTS scopes)
    cmake_path(IS_PREFIX scope "${dir}" NORMALIZE inside)
    if(inside)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

# Needs CMake 3.28: set_property(TEST ... DIRECTORY ...) on a test of another
# directory. staging_tests_configure(ADOPT) refuses older versions.
function(_staging_adopt_test test dir)
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  get_property(environment GLOBAL PROPERTY _STAGING_TESTS_ENVIRONMENT_PROPERTY)
  set_property(TEST "${test}" DIRECTORY "${dir}" APPEND PROPERTY LABELS "${label}")
  set_property(TEST "${test}" DIRECTORY "${dir}" APPEND PROPERTY FIXTURES_REQUIRED "${fixture}")
  # Appended last, the forced entries win over any the test set itself.
  set_property(TEST "${test}" DIRECTORY "${dir}" APPEND PROPERTY ENVIRONMENT "${environment}")
  # The suite audit requires the refusal pattern of every test with a pass
  # pattern, as _staging_apply_properties() gives it to staging tests. An
  # adopted test has no per-test check to print a refusal; the pattern keeps
  # the audit's rule the same for every test.
  get_property(pass_regex TEST "${test}" DIRECTORY "${dir}" PROPERTY PASS_REGULAR_EXPRESSION SET)
  if(pass_regex)
    set_property(TEST "${test}" DIRECTORY "${dir}" APPEND PROPERTY FAIL_REGULAR_EXPRESSION
      "${_STAGING_TESTS_REFUSAL_REGEX}")
  endif()
endfunction()
