# The ctest-time guard: the hard stop before any test, whatever ctest is
# asked to do, and everything that would run before it or around it.

# A caller pinned to production is refused by every way of calling ctest;
# an unpinned caller runs the same suite, every test forced to staging.
function(case_flags)
  case_configure(configure)
  case_build(build)
  set(plain "")
  set(list -N)
  set(one_test -R ^top_one$)
  set(without_session -E staging_session)
  set(fixture_setup_excluded -FS staging_session -R top_one)
  set(all_fixtures_excluded -FA .* -R top_one)
  set(label -L ^staging$)
  set(label_excluded -LE staging)
  set(index -I 3,3)
  set(repeat --repeat until-fail:3)
  set(parallel -j2)
  set(dashboard -T Test)
  set(json --show-only=json-v1)
  set(junit --output-junit junit.xml)
  foreach(way IN ITEMS plain list one_test without_session fixture_setup_excluded
      all_fixtures_excluded label label_excluded index repeat parallel dashboard json junit)
    case_ctest(production-${way} ARGS ${${way}} ENV ENVIRONMENT=production EXPECT flags-refused)
  endforeach()
  case_ctest(production-sub-directory DIR sub ENV ENVIRONMENT=production EXPECT flags-refused)
  case_command(production-script
    COMMAND "${CASE_CTEST}" -S "${AREA_DIR}/scripts/dashboard.cmake" "-DBUILD=${BUILD}"
    ENV ENVIRONMENT=production EXPECT flags-refused-script)
  # The same ways for a caller who exported nothing: forced to staging.
  foreach(way IN ITEMS plain one_test label index repeat parallel)
    case_ctest(staging-${way} ARGS ${${way}} EXPECT flags-passed)
  endforeach()
  case_ctest(staging-sub-directory DIR sub EXPECT flags-passed-sub)
  case_ctest(staging-dashboard ARGS -T Test EXPECT flags-passed)
endfunction()

# A hand-written CTestTestfile.cmake given to ctest --test-dir that pulls the
# build tree in after a test of its own: refused, and the test it added never
# runs, even when it sets the guard's variable and function itself.
function(case_wrapper)
  case_configure(configure)
  case_build(build)
  case_ctest(wrapped ARGS --test-dir "${WORK}/wrapper" EXPECT wrapper-refused)
  case_ctest(impersonated ARGS --test-dir "${WORK}/impostor" EXPECT wrapper-refused)
  case_ctest(wrapped-list ARGS --test-dir "${WORK}/wrapper" -N EXPECT wrapper-refused)
  case_ctest(direct)
endfunction()

function(case_included_guard_first)
  case_configure(configure)
  case_build(build)
  case_ctest(run ARGS --test-dir "${WORK}/guarded" ENV ENVIRONMENT=staging)
endfunction()

function(case_early_include)
  case_configure(configure)
endfunction()

function(case_deferred)
  case_configure(configure)
  case_build(build)
  case_ctest(run)
  case_ctest(list ARGS --show-only=json-v1)
endfunction()

function(case_endless_defer)
  case_configure(configure)
endfunction()

# Edits the first line of <file> in: include(early.cmake) before the guard.
function(_guard_insert_early file)
  file(READ "${file}" text)
  string(REPLACE "include(\"${BUILD}/StagingTests/guard.cmake\")"
    "include(\"${BUILD}/early.cmake\")\ninclude(\"${BUILD}/StagingTests/guard.cmake\")" text "${text}")
  file(WRITE "${file}" "${text}")
endfunction()

function(case_hand_edited)
  case_configure(configure)
  case_build(build)
  _guard_insert_early("${BUILD}/CTestTestfile.cmake")
  case_ctest(top EXPECT hand_edited-refused)
  case_ctest(top-list ARGS -N EXPECT hand_edited-refused)
  case_configure(reconfigure)
  _guard_insert_early("${BUILD}/sub/CTestTestfile.cmake")
  case_ctest(sub EXPECT hand_edited-refused)
  case_ctest(sub-directory DIR sub EXPECT hand_edited-refused)
endfunction()

function(case_duplicates)
  case_configure(configure)
  case_build(build)
  foreach(order IN ITEMS allowed-first production-first)
    if(order STREQUAL "allowed-first")
      set(entries ENVIRONMENT=staging ENVIRONMENT=production)
    else()
      set(entries ENVIRONMENT=production ENVIRONMENT=staging)
    endif()
    case_ctest(${order} ENV ${entries} EXPECT duplicates-${order})
    case_ctest(${order}-list ARGS -N ENV ${entries} EXPECT duplicates-${order})
  endforeach()
  case_ctest(same-twice ENV ENVIRONMENT=staging ENVIRONMENT=staging EXPECT duplicates-allowed-first)
  case_ctest(vault-twice ENV AZURE_KEY_VAULT_NAME=engram-staging-vault
    AZURE_KEY_VAULT_NAME=engram-prod-vault EXPECT duplicates-allowed-first)
  case_ctest(once ENV ENVIRONMENT=staging)
endfunction()

function(case_duplicates_forced)
  case_configure(configure)
  case_build(build)
  case_ctest(run ENV ENVIRONMENT=staging ENVIRONMENT=production)
endfunction()

function(case_session_dropped)
  case_configure(configure)
  case_build(build)
  set(ignore "set(CTEST_CUSTOM_TESTS_IGNORE staging_session)\n")
  file(WRITE "${BUILD}/CTestCustom.cmake" "${ignore}")
  case_ctest(custom-cmake ARGS --output-on-failure EXPECT session_dropped-refused)
  file(REMOVE "${BUILD}/CTestCustom.cmake")
  file(WRITE "${BUILD}/CTestCustom.ctest" "${ignore}")
  case_ctest(custom-ctest ARGS --output-on-failure EXPECT session_dropped-refused)
  file(REMOVE "${BUILD}/CTestCustom.ctest")
  # Conditional, and with a message() that would swallow a guard's error if
  # the guard evaluated this file (it never does).
  file(WRITE "${BUILD}/CTestCustom.cmake"
    "function(message)\nendfunction()\nif(DEFINED ENV{CASE_IGNORE})\n  ${ignore}endif()\n")
  case_ctest(custom-conditional ARGS --output-on-failure ENV CASE_IGNORE=1
    EXPECT session_dropped-refused)
  file(REMOVE "${BUILD}/CTestCustom.cmake")
  case_ctest(exclude ARGS -E staging_session --output-on-failure EXPECT session_dropped-refused)
  case_ctest(exclude-setup ARGS -FS staging_session -R ^t$ --output-on-failure
    EXPECT session_dropped-refused)
  case_ctest(exclude-all-fixtures ARGS -FA .* -R ^t$ --output-on-failure
    EXPECT session_dropped-refused)
  case_command(script
    COMMAND "${CASE_CTEST}" -V -S "${AREA_DIR}/scripts/ignore_session.cmake" "-DBUILD=${BUILD}"
    EXPECT session_dropped-refused-script)
  case_ctest(with-session)
endfunction()

function(case_redefined)
  set(first TRUE)
  foreach(variant IN ITEMS add_test string message_and_list)
    case_configure(configure-${variant} ARGS -DCASE_VARIANT=${variant} EXPECT redefined-configure)
    if(first)
      case_build(build)
      set(first FALSE)
    endif()
    case_ctest(${variant} EXPECT redefined-refused)
  endforeach()
endfunction()

function(case_toolkit_tests)
  set(first TRUE)
  foreach(variant IN ITEMS disable_session checklist_will_fail claims_fixture takes_name)
    case_configure(configure-${variant} ARGS -DCASE_VARIANT=${variant} EXPECT toolkit_tests-configure)
    if(first)
      case_build(build)
      set(first FALSE)
    endif()
    case_ctest(${variant} ARGS -N EXPECT toolkit_tests-${variant})
  endforeach()
endfunction()
