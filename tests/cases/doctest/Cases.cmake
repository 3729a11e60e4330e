# doctest under StagingTests, 2.4.9 (Debian's) and 2.5.2: every discovered
# case staged however it was registered, the in-binary guard, the options,
# and the example project. The cases of a family share one project
# (<family>.cmake) and its expectation files (<family>-<step>-*), and differ
# only in the version.

include("${CASES_DIR}/common/core-json.cmake")
include("${CASES_DIR}/common/catch2-and-doctest.cmake")
include("${CASES_DIR}/common/examples.cmake")

# --- Helpers (not cases: no case_ prefix) ----------------------------------

# The first steps of every case of <family> on <version> (249 or 252):
# Skipped without the framework, and the project's arguments.
macro(doctest_begin family version)
  set(DOCTEST_VERSION "${version}")
  framework_available(doctest_found CASE_DOCTEST_${version}_DIR)
  case_not_applicable_unless(doctest_found
    "doctest ${version} was not passed by the test build (tests/frameworks; -DCASE_CONFIGURE_ARGS when run by hand)")
  set(DOCTEST_PROJECT_ARGS -DCASE_PROJECT=${family} -DCASE_DOCTEST=${version})
endmacro()

# --- Cases -------------------------------------------------------------------

# Discovery: every property, every registration route, names that need
# escaping, doctest's labels, the target's standard; built in a production
# shell.
function(doctest_discovery version)
  doctest_begin(discovery ${version})
  case_configure(configure ARGS ${DOCTEST_PROJECT_ARGS})
  framework_build(build-in-production ENV ENVIRONMENT=production EXPECT discovery-build)
  case_ctest(run ARGS --output-on-failure EXPECT discovery-run)
  case_ctest(list ARGS --show-only=json-v1 EXPECT discovery-list)
  # One test runs its own case, and no other: its name was escaped.
  case_ctest(one ARGS -R "^post\\.routes a message, then answers@ctest$" EXPECT discovery-one)
  # doctest's suite is a label, beside the staging one.
  case_ctest(suite-label ARGS -L "^router$" EXPECT discovery-suite-label)
endfunction()

function(case_discovery_249)
  doctest_discovery(249)
endfunction()

function(case_discovery_252)
  doctest_discovery(252)
endfunction()

# The in-binary guard: flipped cases killed however they end, the others
# unaffected; by hand, a production caller is stopped before any case, while
# listing (what discovery runs) works in any shell.
function(doctest_guard version)
  doctest_begin(guard ${version})
  case_configure(configure ARGS ${DOCTEST_PROJECT_ARGS})
  framework_build(build-in-production ENV ENVIRONMENT=production)
  case_ctest(run ARGS --output-on-failure EXPECT guard-run)
  # The markers of the run are not those of the steps below.
  framework_clear_markers()
  case_command(by-hand-production COMMAND "${BUILD}/bin/plain" ENV ENVIRONMENT=production
    EXPECT guard-by-hand-production)
  framework_clear_markers()
  case_command(by-hand-own-main-production COMMAND "${BUILD}/bin/own_main"
    ENV ENVIRONMENT=production EXPECT guard-by-hand-own-main-production)
  framework_clear_markers()
  case_command(by-hand-list COMMAND "${BUILD}/bin/plain" --list-test-cases
    ENV ENVIRONMENT=production EXPECT guard-by-hand-list)
  framework_clear_markers()
  case_command(by-hand-restored
    COMMAND "${BUILD}/bin/flip" "--test-case=flip changes environment,zz later is unaffected"
    EXPECT guard-by-hand-restored)
endfunction()

function(case_guard_249)
  doctest_guard(249)
endfunction()

function(case_guard_252)
  doctest_guard(252)
endfunction()

# An option doctest_discover_tests() does not have is a configure error
# naming it (it would ignore it silently), and so is a project that never
# made doctest's CMake scripts available. Each variant re-configures the
# same tree.
function(doctest_options version)
  doctest_begin(options ${version})
  case_configure(discovery_mode ARGS ${DOCTEST_PROJECT_ARGS} -DCASE_VARIANT=discovery_mode
    EXPECT options-discovery_mode)
  case_configure(unavailable ARGS ${DOCTEST_PROJECT_ARGS} -DCASE_VARIANT=unavailable
    -DCASE_WITHOUT_DOCTEST=ON EXPECT options-unavailable)
endfunction()

function(case_options_249)
  doctest_options(249)
endfunction()

function(case_options_252)
  doctest_options(252)
endfunction()

# The example, as its README runs it: `cmake --workflow --preset staging`
# with Debian's doctest, one router's cases by the label of their suite, then
# a production shell.
function(case_example)
  framework_available(doctest_found CASE_DOCTEST_249_DIR)
  case_not_applicable_unless(doctest_found
    "the test build found no installed doctest (Debian: apt-get install doctest-dev)")
  example_copy(copy doctest-routers WITH_BACKEND_SOURCES)
  set(BUILD "${copy}/build/staging")
  case_command(workflow COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    WORKING_DIRECTORY "${copy}" EXPECT example-workflow)
  case_ctest(memory-router ARGS -L "^memory_router$" EXPECT example-memory-router)
  case_command(production COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    ENV ENVIRONMENT=production WORKING_DIRECTORY "${copy}" EXPECT example-production)
endfunction()
