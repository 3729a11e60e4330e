# catch2-and-doctest.cmake: what the case areas catch2 and doctest share.
# Include it from an area's Cases.cmake.
#
#   framework_value(<out> <name>)
#     the value of -D<name>= in CASE_CONFIGURE_ARGS: where the test build
#     (tests/frameworks) put a framework; "" when it found none
#   framework_available(<out> <name>...)
#     TRUE when every <name> has a value
#   framework_build(<step> [ENV <NAME=value>...] [EXPECT <base>])
#     as case_build, in the caller's environment plus ENV entries: POST_BUILD
#     discovery runs the test binaries during the build, so the build must
#     work in any shell
#   framework_clear_markers()
#     empties the marker directory, for steps that are not ctest steps
#   framework_expect_standard(<listener> <standard>)
#     (in a check script) every source of the area and every compile of the
#     guard's <listener> (staging_catch2_guard.cpp) in
#     <build>/compile_commands.json uses -std=c++<standard>, none a newer one
#   framework_example_copy(<out> <example>)
#     copies examples/<example> (without its build trees) and the sources of
#     examples/engram-backend it builds into <work>/tree/examples/, and gives
#     the copy the toolkit under test where it looks for it (<work>/tree/
#     {modules,cmake,templates} link to TOOLKIT's); <out> is the copy
#   framework_expect_workflow(<tests>)
#     (in a check script) a `cmake --workflow --preset staging` run, output
#     MERGED: the banner and the confirmation before the first test, and all
#     <tests> passed, the session and the checklist among them
#   framework_expect_refused_workflow()
#     (in a check script) the same in a production shell: refused before
#     ctest started any test

function(framework_value out name)
  set(value "")
  foreach(argument IN LISTS CASE_CONFIGURE_ARGS)
    if(argument MATCHES "^-D${name}(:[A-Z]+)?=(.*)$")
      set(value "${CMAKE_MATCH_2}")
    endif()
  endforeach()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

function(framework_available out)
  set(found TRUE)
  foreach(name IN LISTS ARGN)
    framework_value(value ${name})
    if(value STREQUAL "")
      set(found FALSE)
    endif()
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

function(framework_build step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPECT" "ENV")
  set(config "")
  if(CASE_CONFIG)
    set(config --config "${CASE_CONFIG}")
  endif()
  set(expect "")
  if(arg_EXPECT)
    set(expect EXPECT ${arg_EXPECT})
  endif()
  case_command(${step} COMMAND "${CASE_CMAKE}" --build "${BUILD}" ${config} ENV ${arg_ENV}
    ${expect})
endfunction()

function(framework_clear_markers)
  file(REMOVE_RECURSE "${MARKERS}")
  file(MAKE_DIRECTORY "${MARKERS}")
endfunction()

function(framework_expect_standard listener standard)
  file(READ "${BUILD}/compile_commands.json" commands)
  string(JSON count LENGTH "${commands}")
  math(EXPR last "${count} - 1")
  set(sources 0)
  set(listeners 0)
  string(REPLACE "." "\\." listener_regex "${listener}")
  foreach(i RANGE ${last})
    string(JSON file GET "${commands}" ${i} file)
    string(JSON command GET "${commands}" ${i} command)
    if(file MATCHES "^${AREA_DIR}/")
      math(EXPR sources "${sources} + 1")
    elseif(file MATCHES "/templates/guard/${listener_regex}$")
      math(EXPR listeners "${listeners} + 1")
    else()
      continue()  # the toolkit's own C++17 libraries, the probe
    endif()
    if(command MATCHES "-std=(c|gnu)\\+\\+(17|1z|20|2a|23|2b|26|2c)")
      case_fail("${file} is compiled with ${CMAKE_MATCH_0}: ${command}")
    elseif(NOT command MATCHES "-std=c\\+\\+${standard}( |$)")
      case_fail("${file} is not compiled with -std=c++${standard}: ${command}")
    endif()
  endforeach()
  if(sources EQUAL 0 OR listeners EQUAL 0)
    case_fail("compile_commands.json lists ${sources} sources of the area and ${listeners} compiles of ${listener}; both expected")
  endif()
endfunction()

function(framework_example_copy out example)
  set(tree "${WORK}/tree")
  set(copy "${tree}/examples/${example}")
  file(MAKE_DIRECTORY "${copy}" "${tree}/examples/engram-backend")
  file(GLOB entries RELATIVE "${TOOLKIT}/examples/${example}" "${TOOLKIT}/examples/${example}/*")
  foreach(entry IN LISTS entries)
    if(NOT entry STREQUAL "build")
      file(COPY "${TOOLKIT}/examples/${example}/${entry}" DESTINATION "${copy}")
    endif()
  endforeach()
  # The example builds the routers from the backend's sources.
  foreach(part IN ITEMS include src)
    file(COPY "${TOOLKIT}/examples/engram-backend/${part}"
      DESTINATION "${tree}/examples/engram-backend")
  endforeach()
  # The module takes its root from its own path without resolving links, so
  # every toolkit file the copy uses is TOOLKIT's.
  foreach(part IN ITEMS modules cmake templates)
    file(CREATE_LINK "${TOOLKIT}/${part}" "${tree}/${part}" SYMBOLIC)
  endforeach()
  set(${out} "${copy}" PARENT_SCOPE)
endfunction()

function(framework_expect_workflow tests)
  string(FIND "${STDOUT}" "CTEST CONFIGURATION: Staging Environment Tests" banner)
  string(FIND "${STDOUT}" "✓ Confirmed: Running tests against STAGING environment" confirmed)
  string(REGEX MATCH "\n[ \t]*(Start +[0-9]+:|[0-9]+/[0-9]+ Test +#)[^\n]*" first_test "${STDOUT}")
  string(FIND "${STDOUT}" "${first_test}" first_test_at)
  if(banner LESS 0 OR confirmed LESS 0)
    case_fail("the banner or the confirmation is missing")
  elseif(first_test STREQUAL "")
    case_fail("no test ran")
  elseif(NOT banner LESS confirmed OR NOT confirmed LESS first_test_at)
    case_fail("the banner (at ${banner}) and the confirmation (at ${confirmed}) do not both come before the first test line (at ${first_test_at}):${first_test}")
  endif()
  case_expect_match(STDOUT "100% tests passed, 0 tests failed out of ${tests}\n")
  case_expect_match(STDOUT "Test +#[0-9]+: staging_session \\.+ +Passed")
  case_expect_match(STDOUT "Test +#[0-9]+: staging_checklist \\.+ +Passed")
  case_expect_no_match(STDOUT "\\*\\*\\*Failed|Subprocess killed|\\*\\*\\*Not Run|\\*\\*\\*Skipped")
endfunction()

function(framework_expect_refused_workflow)
  case_expect_match(STDOUT "ERROR: Tests must run against STAGING environment only!\nCurrent environment: production\nAllowed environments: staging\n")
  case_expect_no_match(STDOUT "Start +[0-9]+:|Test +#[0-9]+:")
  case_expect_no_match(STDOUT "Confirmed")
endfunction()
