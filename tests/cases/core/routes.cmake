# One test per way a test can reach ctest. Every probe expects the forced
# variables, so a test that was not staged fails when it runs, and the
# listing shows how each was staged. CASE_RUN_CONFIG is the configuration
# the case's ctest runs (-C), for CONFIGURATIONS.
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault VARIABLES "ODD=a;b")
set(expect --expect ENVIRONMENT=staging --expect AZURE_KEY_VAULT_NAME=engram-staging-vault
  --expect AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/)

# add_staging_test, NAME and COMMAND only: the direct path.
add_staging_test(NAME fast COMMAND probe fast ${expect})

# add_staging_test with its keywords: the checked path, which the
# arguments alone (no ';', '[', ']', '\' or empty one) would not choose.
add_staging_test(NAME exact COMMAND probe exact ${expect} --expect EXTRA=1
  CONFIGURATIONS ${CASE_RUN_CONFIG}
  WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles"
  LABELS extra
  ENVIRONMENT EXTRA=1
  FIXTURES_REQUIRED extra_fixture
  PROPERTIES TIMEOUT 60)
add_staging_test(NAME extra_setup COMMAND probe extra_setup ${expect}
  PROPERTIES FIXTURES_SETUP extra_fixture)
# The list reaches the probe as two words only if COMMAND_EXPAND_LISTS is
# honoured.
set(expanded --expect ENVIRONMENT=staging)
add_staging_test(NAME expanded COMMAND probe expanded "${expanded}" COMMAND_EXPAND_LISTS)
# Only in a configuration that is never run.
add_staging_test(NAME elsewhere COMMAND probe elsewhere CONFIGURATIONS Nonesuch)

add_test(NAME plain COMMAND probe plain ${expect})

function(route_function)
  add_test(NAME in_function COMMAND probe in_function ${expect})
endfunction()
route_function()
macro(route_macro)
  add_test(NAME in_macro COMMAND probe in_macro ${expect})
endmacro()
route_macro()

list(JOIN expect " " expect_text)
cmake_language(EVAL CODE "add_test(NAME evaluated COMMAND probe evaluated ${expect_text})")
cmake_language(CALL add_test NAME called COMMAND probe called ${expect})
cmake_language(DEFER CALL add_test NAME deferred COMMAND probe deferred ${expect})

add_subdirectory(routes_sub)

# A directory outside the source tree, written by this configure.
get_filename_component(outside "${CMAKE_BINARY_DIR}/../outside" ABSOLUTE)
file(WRITE "${outside}/CMakeLists.txt"
  "add_test(NAME outside COMMAND probe outside ${expect_text})\n")
add_subdirectory("${outside}" "${CMAKE_BINARY_DIR}/outside-build")

# A FetchContent dependency from a local path, outside the source tree too.
get_filename_component(dependency "${CMAKE_BINARY_DIR}/../dependency" ABSOLUTE)
file(WRITE "${dependency}/CMakeLists.txt"
  "add_test(NAME fetched COMMAND probe fetched ${expect_text})\n")
include(FetchContent)
FetchContent_Declare(route_dependency SOURCE_DIR "${dependency}")
FetchContent_MakeAvailable(route_dependency)

# A file of the project's own that ctest reads, calling add_test() itself.
# The probe is where the generator put it (multi-config: <config>/).
file(WRITE "${CMAKE_BINARY_DIR}/hand_written.cmake" "\
set(case_probe \"${CMAKE_BINARY_DIR}/probe\")
if(NOT EXISTS \"\${case_probe}\")
  set(case_probe \"${CMAKE_BINARY_DIR}/\${CTEST_CONFIGURATION_TYPE}/probe\")
endif()
add_test(hand_written \"\${case_probe}\" hand_written ${expect_text})
")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${CMAKE_BINARY_DIR}/hand_written.cmake")
