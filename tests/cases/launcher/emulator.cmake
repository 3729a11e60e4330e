# Tests started through a CROSSCOMPILING_EMULATOR (which CMake applies even
# when not cross-compiling): the check runs before the emulator, and the
# process guard it preloads checks every process the emulator starts.
staging_tests_configure()
# CMake 3.30 and newer apply the emulator only when cross-compiling
# (CMP0158); the old behaviour stands in for a cross build here.
if(POLICY CMP0158)
  cmake_policy(SET CMP0158 OLD)
endif()
set(scripts "${CMAKE_CURRENT_SOURCE_DIR}/scripts")
foreach(launcher IN ITEMS honest production strip_check child)
  add_executable(probe_${launcher} "${CASE_COMMON_DIR}/probe.c")
  target_compile_definitions(probe_${launcher} PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\"")
  set_target_properties(probe_${launcher} PROPERTIES
    CROSSCOMPILING_EMULATOR "${scripts}/${launcher}.sh")
  add_test(NAME ${launcher} COMMAND probe_${launcher} ${launcher} --expect ENVIRONMENT=staging)
endforeach()
find_program(CASE_VALGRIND valgrind)
if(CASE_VALGRIND)
  add_executable(probe_valgrind "${CASE_COMMON_DIR}/probe.c")
  target_compile_definitions(probe_valgrind PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\"")
  set_target_properties(probe_valgrind PROPERTIES
    CROSSCOMPILING_EMULATOR "${CASE_VALGRIND};--error-exitcode=3")
  add_test(NAME valgrind COMMAND probe_valgrind valgrind --expect ENVIRONMENT=staging)
endif()
