# Tests started through a TEST_LAUNCHER (CMake 3.29 and newer): the check
# runs before the launcher, and the process guard it preloads checks every
# process the launcher starts.
staging_tests_configure()
set(scripts "${CMAKE_CURRENT_SOURCE_DIR}/scripts")
foreach(launcher IN ITEMS honest production strip_check child)
  add_executable(probe_${launcher} "${CASE_COMMON_DIR}/probe.c")
  target_compile_definitions(probe_${launcher} PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\"")
  set_target_properties(probe_${launcher} PROPERTIES
    TEST_LAUNCHER "${scripts}/${launcher}.sh")
  add_test(NAME ${launcher} COMMAND probe_${launcher} ${launcher} --expect ENVIRONMENT=staging)
endforeach()
find_program(CASE_VALGRIND valgrind)
if(CASE_VALGRIND)
  add_executable(probe_valgrind "${CASE_COMMON_DIR}/probe.c")
  target_compile_definitions(probe_valgrind PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\"")
  set_target_properties(probe_valgrind PROPERTIES
    TEST_LAUNCHER "${CASE_VALGRIND};--error-exitcode=3")
  add_test(NAME valgrind COMMAND probe_valgrind valgrind --expect ENVIRONMENT=staging)
endif()
