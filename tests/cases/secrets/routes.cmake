# Every route by which a project could give a secret a value in a test's
# properties. -DCASE_VARIANT picks the route taken at configure time
# (routes_sub/CMakeLists.txt); CASE_ROUTE, in the environment of ctest,
# picks the one taken by routes-late.cmake, a file ctest reads after the
# guard.
staging_tests_configure(SECRETS ENGRAM_DB_CONNECTION)
# Operations that carry no value write no secret.
add_test(NAME no_value COMMAND probe no_value --expect-unset MY_TOKEN --expect-unset AZURE_AI_KEY)
set_tests_properties(no_value PROPERTIES
  ENVIRONMENT_MODIFICATION "MY_TOKEN=unset:;AZURE_AI_KEY=reset:;ENGRAM_DB_CONNECTION=unset:")
add_staging_test(NAME staged_no_value COMMAND probe staged_no_value --expect-unset MY_SECRET
  PROPERTIES ENVIRONMENT_MODIFICATION "MY_SECRET=unset:")

# The routes of CASE_VARIANT, in a directory of plain tests: before CMake
# 3.28 the configure cannot see them there, and the guard refuses them when
# ctest reads the suite.
add_subdirectory(routes_sub)

# Read by ctest before this directory's add_test() lines: a test of its own
# (leaving the marker `late` when it runs) with the route's properties.
file(WRITE "${CMAKE_BINARY_DIR}/routes-late.cmake"
  "add_test(late \"${CMAKE_COMMAND}\" -E touch \"${CASE_MARKER_DIR}/late\")\n"
  # The value the case looks for (SECRETS_LATE_VALUE in Cases.cmake).
  "set(value lv-91f0c2e6b85d)\n" [=[
if("$ENV{CASE_ROUTE}" STREQUAL "environment")
  set_tests_properties(late PROPERTIES ENVIRONMENT "AZURE_AI_KEY=${value}")
elseif("$ENV{CASE_ROUTE}" STREQUAL "list")
  set_tests_properties(late PROPERTIES LABELS x ENVIRONMENT "A=1;MY_TOKEN=${value};B=2")
elseif("$ENV{CASE_ROUTE}" STREQUAL "modification")
  set_tests_properties(late PROPERTIES ENVIRONMENT_MODIFICATION "MY_SECRET=set:${value}")
elseif("$ENV{CASE_ROUTE}" STREQUAL "append")
  set_tests_properties(late PROPERTIES ENVIRONMENT_MODIFICATION "my_api_key=string_append:${value}")
elseif("$ENV{CASE_ROUTE}" STREQUAL "declared")
  set_tests_properties(late PROPERTIES ENVIRONMENT "ENGRAM_DB_CONNECTION=${value}")
elseif("$ENV{CASE_ROUTE}" STREQUAL "no_value")
  set_tests_properties(late PROPERTIES ENVIRONMENT_MODIFICATION "AZURE_AI_KEY=reset:;MY_TOKEN=unset:")
endif()
]=])
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${CMAKE_BINARY_DIR}/routes-late.cmake")
