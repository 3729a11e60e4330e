# CaseCommon.cmake: shared by every case project of tests/cases.
#
#   include(${CASE_COMMON_DIR}/CaseCommon.cmake)
#
# Defines the executable target `probe` (see probe.c for its options) once,
# whichever directory includes this first, with the marker directory
# CASE_MARKER_DIR compiled in, so tests need no environment to find it.
# RunCases.cmake passes CASE_COMMON_DIR and CASE_MARKER_DIR on the command line.

if(NOT DEFINED CASE_MARKER_DIR OR CASE_MARKER_DIR STREQUAL "")
  message(FATAL_ERROR
    "CaseCommon.cmake: CASE_MARKER_DIR is not set. Run this case through "
    "tests/cases/RunCases.cmake, or pass -DCASE_MARKER_DIR=<dir>.")
endif()

if(NOT TARGET probe)
  get_property(_case_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT "C" IN_LIST _case_languages)
    enable_language(C)
  endif()
  unset(_case_languages)

  file(MAKE_DIRECTORY "${CASE_MARKER_DIR}")
  add_executable(probe "${CMAKE_CURRENT_LIST_DIR}/probe.c")
  target_compile_definitions(probe PRIVATE
    "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\"")
endif()
