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
