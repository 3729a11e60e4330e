# The core: every test of the build tree is staged, whichever way it was
# registered, with its arguments and the forced environment exactly as
# declared; listing works before a build, and the run directories, the
# checklist and the configurations behave.

include("${CASES_DIR}/common/core-json.cmake")

# The configuration ctest is run for: CASE_CONFIG, or Debug (a
# single-configuration tree runs the same tests under any -C, and one test
# of core/routes is declared for this configuration only).
set(CORE_RUN_CONFIG "${CASE_CONFIG}")
set(CORE_RUN_CONFIG_ARGS "")
if(CORE_RUN_CONFIG STREQUAL "")
  set(CORE_RUN_CONFIG Debug)
  set(CORE_RUN_CONFIG_ARGS -C Debug)
endif()

# Every registration route staged: in the listing, and when run. The tests
# of routes.cmake, one per route (and `elsewhere`, never run).
set(CORE_ROUTES fast exact extra_setup expanded plain in_function in_macro evaluated called
  deferred in_subdirectory outside fetched hand_written)
function(case_routes)
  case_configure(configure ARGS -DCASE_RUN_CONFIG=${CORE_RUN_CONFIG})
  case_build(build)
  case_ctest(list ARGS ${CORE_RUN_CONFIG_ARGS} --show-only=json-v1)
  case_ctest(run ARGS ${CORE_RUN_CONFIG_ARGS})
endfunction()

# Arguments byte for byte, on every path; the listing shows them wrapped.
function(case_byte_exact)
  case_configure(configure)
  case_build(build)
  case_ctest(run ARGS -V EXPECT byte_exact-run)
  case_ctest(list ARGS --show-only=json-v1 EXPECT byte_exact-list)
endfunction()

# Tests see the forced values, whatever the caller exported; pass-through
# variables come from the caller and are written nowhere.
function(case_forced_environment)
  set(pass_through AZURE_AI_ENDPOINT=https://engram-staging-ai.example.invalid/v1-f3a9
    AZURE_AI_KEY=sk-case-key-7c41d2e90b)
  case_configure(configure ENV ${pass_through})
  case_build(build)
  case_ctest(unpinned EXPECT forced_environment-passed)
  case_ctest(staging ENV ENVIRONMENT=staging EXPECT forced_environment-passed)
  case_ctest(spelled ENV "ENVIRONMENT= Staging " EXPECT forced_environment-passed)
  # The caller's own values of forced variables are replaced.
  case_ctest(overridden ENV ENVIRONMENT=staging AZURE_KEY_VAULT_NAME=ENGRAM-STAGING-VAULT
    ODD=other PLAIN=2 EXPECT forced_environment-passed)
  case_ctest(list ARGS --show-only=json-v1 ENV ${pass_through})
  case_ctest(pass_through ARGS -V ENV ${pass_through}
    CASE_ENDPOINT=https://engram-staging-ai.example.invalid/v1-f3a9
    CASE_KEY=sk-case-key-7c41d2e90b)
endfunction()

# Before the build: the suite can be listed (IDEs do it right after the
# configure), a production caller is still refused, and nothing runs.
function(case_listing_unbuilt)
  case_configure(configure)
  case_ctest(names ARGS -N)
  case_ctest(json ARGS --show-only=json-v1)
  case_ctest(staging-json ARGS --show-only=json-v1 ENV ENVIRONMENT=staging
    EXPECT listing_unbuilt-json)
  foreach(way IN ITEMS names json run)
    set(args -N)
    if(way STREQUAL "json")
      set(args --show-only=json-v1)
    elseif(way STREQUAL "run")
      set(args "")
    endif()
    case_ctest(production-${way} ARGS ${args} ENV ENVIRONMENT=production
      EXPECT listing_unbuilt-refused)
  endforeach()
  case_ctest(run EXPECT listing_unbuilt-run)
  case_ctest(run-label ARGS -L ^staging$ EXPECT listing_unbuilt-run)
endfunction()

# The checklist names what was checked and refused, and a session that did
# not run; the session keeps the newest 20 run directories.
function(case_checklist)
  case_configure(configure)
  case_build(build)
  case_ctest(passed ARGS -V -E ^overridden$)
  case_ctest(refused ARGS --output-on-failure)
  case_ctest(dropped ARGS -V -E staging_session)
  foreach(i RANGE 1 21)
    case_ctest(session-${i} ARGS -R ^staging_session$ EXPECT checklist-session-only)
  endforeach()
  case_ctest(pruned ARGS -V -R ^staging_session$)
endfunction()

# Ninja Multi-Config, whatever generator the case runs under: each
# configuration runs staged with its own check program; a configuration
# whose check program is not built yet is checked by the one that is, and
# runs nothing of its own until its tests are built.
function(case_multi_config)
  set(CASE_GENERATOR "Ninja Multi-Config")
  set(CASE_CONFIG "")
  case_configure(configure)
  # Only what the tests run: the toolkit's other libraries double the time.
  case_build(build-debug ARGS --config Debug --target probe staging_tests_check)
  case_ctest(debug ARGS -C Debug EXPECT multi_config-debug)
  case_ctest(debug-list ARGS -C Debug --show-only=json-v1)
  case_ctest(release-unbuilt-list ARGS -C Release --show-only=json-v1)
  case_ctest(release-unbuilt ARGS -C Release --output-on-failure)
  case_ctest(no-config)
  # Release's tests built, its check program not: Debug's checks them.
  case_build(build-release-probe ARGS --config Release --target probe)
  case_ctest(release-debug-check ARGS -C Release EXPECT multi_config-release)
  case_ctest(release-debug-check-list ARGS -C Release --show-only=json-v1
    EXPECT multi_config-release-unbuilt-list)
  case_build(build-release ARGS --config Release --target staging_tests_check)
  case_ctest(release ARGS -C Release)
  case_ctest(release-list ARGS -C Release --show-only=json-v1)
  case_ctest(debug-again ARGS -C Debug EXPECT multi_config-debug)
endfunction()

# A policy changed by a reconfigure, not yet built: every ctest invocation
# stops and asks for the rebuild; after it the new policy runs.
function(case_policy_stale)
  case_configure(configure)
  case_build(build)
  case_ctest(before EXPECT policy_stale-passed)
  case_configure(reconfigure ARGS -DCASE_VAULT=other-staging-vault)
  case_ctest(stale EXPECT policy_stale-refused)
  case_ctest(stale-label ARGS -L ^staging$ EXPECT policy_stale-refused)
  case_ctest(stale-one ARGS -R ^t$ EXPECT policy_stale-refused)
  case_ctest(stale-staging ENV ENVIRONMENT=staging EXPECT policy_stale-refused)
  case_ctest(stale-list ARGS -N EXPECT policy_stale-listed)
  case_build(rebuild)
  case_ctest(after EXPECT policy_stale-passed)
  case_ctest(after-staging ENV ENVIRONMENT=staging AZURE_KEY_VAULT_NAME=other-staging-vault
    EXPECT policy_stale-passed)
endfunction()
