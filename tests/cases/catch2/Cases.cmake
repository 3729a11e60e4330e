# Catch2 under StagingTests, v2 (Debian's 2.13) and v3 (3.7.1, amalgamated):
# every discovered case staged however it was registered, the in-binary
# guard, the options each version parses, and the example project. The
# cases of a family share one project (<family>.cmake) and its expectation
# files (<family>-<step>-*), and differ only in the version.

include("${CASES_DIR}/common/core-json.cmake")
include("${CASES_DIR}/common/catch2-and-doctest.cmake")
include("${CASES_DIR}/common/examples.cmake")

# --- Helpers (not cases: no case_ prefix) ----------------------------------

# The first steps of every case of <family> on <version> (v2 or v3): Skipped
# without the framework, and the project's arguments.
macro(catch2_begin family version)
  set(CATCH2_VERSION "${version}")
  if(version STREQUAL "v2")
    framework_available(catch2_found CASE_CATCH2_V2_MAIN CASE_CATCH2_V2_DIR)
  else()
    framework_available(catch2_found CASE_CATCH2_V3_LIBRARY CASE_CATCH2_V3_DIR)
  endif()
  case_not_applicable_unless(catch2_found
    "Catch2 ${version} was not passed by the test build (tests/frameworks; -DCASE_CONFIGURE_ARGS when run by hand)")
  set(CATCH2_PROJECT_ARGS -DCASE_PROJECT=${family} -DCASE_CATCH2=${version})
endmacro()

# --- Cases -------------------------------------------------------------------

# Discovery: every property, every registration route, names that need
# escaping, the target's standard; built in a production shell.
function(catch2_discovery version)
  catch2_begin(discovery ${version})
  case_configure(configure ARGS ${CATCH2_PROJECT_ARGS})
  framework_build(build-in-production ENV ENVIRONMENT=production EXPECT discovery-build)
  case_ctest(run ARGS --output-on-failure EXPECT discovery-run)
  case_ctest(list ARGS --show-only=json-v1 EXPECT discovery-list)
  # One test runs its own case, and no other: its name was escaped.
  case_ctest(one ARGS -R "^post\\.keeps \\[brackets\\] in its name$" EXPECT discovery-one)
endfunction()

function(case_discovery_v2)
  catch2_discovery(v2)
endfunction()

function(case_discovery_v3)
  catch2_discovery(v3)
endfunction()

# The in-binary guard: flipped cases killed however they end, the others
# unaffected; by hand, a production caller is stopped before any case, while
# listing (what discovery runs) works in any shell.
function(catch2_guard version)
  catch2_begin(guard ${version})
  case_configure(configure ARGS ${CATCH2_PROJECT_ARGS})
  framework_build(build-in-production ENV ENVIRONMENT=production)
  case_ctest(run ARGS --output-on-failure EXPECT guard-run)
  # The markers of the run are not those of the steps below.
  framework_clear_markers()
  case_command(by-hand-production COMMAND "${BUILD}/bin/plain" ENV ENVIRONMENT=production
    EXPECT guard-by-hand-production)
  framework_clear_markers()
  if(version STREQUAL "v2")
    set(list_option --list-test-names-only)
  else()
    set(list_option --list-tests)
  endif()
  case_command(by-hand-list COMMAND "${BUILD}/bin/plain" ${list_option} ENV ENVIRONMENT=production
    EXPECT guard-by-hand-list)
  framework_clear_markers()
  case_command(by-hand-restored
    COMMAND "${BUILD}/bin/flip" "flip changes environment,zz later is unaffected"
    EXPECT guard-by-hand-restored)
endfunction()

function(case_guard_v2)
  catch2_guard(v2)
endfunction()

function(case_guard_v3)
  catch2_guard(v3)
endfunction()

# Options a version does not parse are configure errors naming them: Catch2
# v2 has neither DISCOVERY_MODE, SKIP_IS_FAILURE nor sharding, and 3.7.1
# not yet ADD_TAGS_AS_LABELS. Each variant re-configures the same tree.
function(catch2_options version)
  catch2_begin(options ${version})
  if(version STREQUAL "v2")
    set(variants discovery_mode skip_is_failure shard_count unknown)
  else()
    set(variants add_tags_as_labels shard_with_prefix shard_with_labels unknown)
  endif()
  foreach(variant IN LISTS variants)
    case_configure(${variant} ARGS ${CATCH2_PROJECT_ARGS} -DCASE_VARIANT=${variant}
      EXPECT options-${variant})
  endforeach()
endfunction()

function(case_options_v2)
  catch2_options(v2)
endfunction()

function(case_options_v3)
  catch2_options(v3)
endfunction()

# The example, as its README runs it: `cmake --workflow --preset staging`
# with Debian's Catch2 v2 and, when the test build has it, the v3 workflow
# with the amalgamated sources; then a production shell.
function(case_example)
  framework_available(catch2_found CASE_CATCH2_V2_DIR)
  case_not_applicable_unless(catch2_found
    "the test build found no installed Catch2 v2 (Debian: apt-get install catch2)")
  example_copy(copy catch2-routers WITH_BACKEND_SOURCES)
  set(BUILD "${copy}/build/staging")
  case_command(workflow COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    WORKING_DIRECTORY "${copy}" EXPECT example-workflow)
  case_command(production COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    ENV ENVIRONMENT=production WORKING_DIRECTORY "${copy}" EXPECT example-production)
  framework_value(v3 CASE_CATCH2_V3_DIR)
  if(NOT v3 STREQUAL "")
    set(BUILD "${copy}/build/staging-catch2-v3")
    case_command(workflow-catch2-v3 COMMAND "${CASE_CMAKE}" --workflow --preset staging-catch2-v3
      MERGED ENV "CATCH2_AMALGAMATED_DIR=${v3}" WORKING_DIRECTORY "${copy}"
      EXPECT example-workflow)
  endif()
endfunction()
