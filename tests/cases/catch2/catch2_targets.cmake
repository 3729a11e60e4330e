# Makes the Catch2 of CASE_CATCH2 available and defines
#
#   catch2_case_target(<target> SOURCES <file>... [OWN_MAIN] [EXTRAS])
#
# an executable at the standard the case holds it to (C++11 for v2, C++14,
# the least Catch2 v3 takes, for v3), with the marker directory, its own
# name and CASE_EXTRAS (whether its registration adds the extra ENVIRONMENT
# entries) compiled in. OWN_MAIN: the sources bring main(), not Catch2.

if(CASE_CATCH2 STREQUAL "v2")
  set(Catch2_DIR "${CASE_CATCH2_V2_DIR}")
  find_package(Catch2 2 CONFIG REQUIRED)
  set(CATCH2_CASE_STANDARD 11)
  set(CATCH2_CASE_CPLUSPLUS 201103L)
elseif(CASE_CATCH2 STREQUAL "v3")
  add_library(case_catch2_v3 STATIC IMPORTED)
  set_target_properties(case_catch2_v3 PROPERTIES
    IMPORTED_LOCATION "${CASE_CATCH2_V3_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CASE_CATCH2_V3_DIR}")
  list(APPEND CMAKE_MODULE_PATH "${CASE_CATCH2_V3_DIR}")
  set(CATCH2_CASE_STANDARD 14)
  set(CATCH2_CASE_CPLUSPLUS 201402L)
else()
  message(FATAL_ERROR "catch2 area: CASE_CATCH2 is '${CASE_CATCH2}', not v2 or v3.")
endif()
include(Catch)

function(catch2_case_target target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "OWN_MAIN;EXTRAS" "" "SOURCES")
  add_executable(${target} ${arg_SOURCES})
  string(REPLACE "v" "" major "${CASE_CATCH2}")
  set(extras 0)
  if(arg_EXTRAS)
    set(extras 1)
  endif()
  target_compile_definitions(${target} PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\""
    "CASE_BINARY=\"${target}\"" CASE_CATCH2_MAJOR=${major} CASE_EXTRAS=${extras}
    CASE_CXX_STANDARD=${CATCH2_CASE_CPLUSPLUS})
  target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  set_target_properties(${target} PROPERTIES CXX_STANDARD ${CATCH2_CASE_STANDARD}
    CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
  if(CASE_CATCH2 STREQUAL "v2")
    if(NOT arg_OWN_MAIN)
      target_link_libraries(${target} PRIVATE "${CASE_CATCH2_V2_MAIN}")
    endif()
    target_link_libraries(${target} PRIVATE Catch2::Catch2)
  else()
    target_link_libraries(${target} PRIVATE case_catch2_v3)
    if(arg_OWN_MAIN)
      # The shared library is catch_amalgamated.cpp as one object, Catch2's
      # main() in it: the binary's own, linked first, is the one kept.
      target_link_options(${target} PRIVATE "LINKER:--allow-multiple-definition")
    endif()
  endif()
endfunction()
