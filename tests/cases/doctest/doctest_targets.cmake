# Makes the doctest of CASE_DOCTEST available (unless CASE_WITHOUT_DOCTEST:
# a project that forgot to) and defines
#
#   doctest_case_target(<target> SOURCES <file>... [OWN_MAIN] [EXTRAS])
#
# a C++11 executable with the marker directory, its own name, the doctest
# version it must see and CASE_EXTRAS (whether its registration adds the
# extra ENVIRONMENT entries) compiled in. OWN_MAIN: the sources bring
# main(), not doctest.

if(CASE_DOCTEST STREQUAL "249")
  # Debian's: the cases are named for the 2.4.9 of Debian 12.
  if(CASE_WITHOUT_DOCTEST)
    add_library(case_doctest_none INTERFACE)
    set(doctest_case_library case_doctest_none)
    set(DOCTEST_CASE_VERSION 0)
  else()
    set(doctest_DIR "${CASE_DOCTEST_249_DIR}")
    find_package(doctest 2.4 CONFIG REQUIRED)
    string(REGEX REPLACE "^([0-9]+)\\.([0-9]+)\\.([0-9]+).*" "\\1 * 10000 + \\2 * 100 + \\3"
      DOCTEST_CASE_VERSION "${doctest_VERSION}")
    math(EXPR DOCTEST_CASE_VERSION "${DOCTEST_CASE_VERSION}")
    set(doctest_case_library doctest::doctest)
  endif()
elseif(CASE_DOCTEST STREQUAL "252")
  set(DOCTEST_CASE_VERSION 20502)
  add_library(case_doctest_252 INTERFACE)
  # Before the system's include directories, where Debian's 2.4.9 may be.
  target_include_directories(case_doctest_252 INTERFACE "${CASE_DOCTEST_252_DIR}")
  if(NOT CASE_WITHOUT_DOCTEST)
    list(APPEND CMAKE_MODULE_PATH "${CASE_DOCTEST_252_DIR}/scripts/cmake")
  endif()
  set(doctest_case_library case_doctest_252)
else()
  message(FATAL_ERROR "doctest area: CASE_DOCTEST is '${CASE_DOCTEST}', not 249 or 252.")
endif()
if(NOT CASE_WITHOUT_DOCTEST)
  include(doctest)
endif()

# doctest's main(), compiled once for the case's targets.
add_library(case_doctest_main OBJECT "${CMAKE_CURRENT_LIST_DIR}/doctest_main.cpp")

function(_doctest_case_settings target)
  target_compile_definitions(${target} PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\""
    "CASE_BINARY=\"${target}\"" CASE_DOCTEST_VERSION=${DOCTEST_CASE_VERSION} ${ARGN})
  target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  set_target_properties(${target} PROPERTIES CXX_STANDARD 11 CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS OFF)
  target_link_libraries(${target} PRIVATE ${doctest_case_library})
endfunction()
_doctest_case_settings(case_doctest_main)

function(doctest_case_target target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "OWN_MAIN;EXTRAS" "" "SOURCES")
  add_executable(${target} ${arg_SOURCES})
  set(extras 0)
  if(arg_EXTRAS)
    set(extras 1)
  endif()
  _doctest_case_settings(${target} CASE_EXTRAS=${extras})
  if(NOT arg_OWN_MAIN)
    target_link_libraries(${target} PRIVATE case_doctest_main)
  endif()
endfunction()
