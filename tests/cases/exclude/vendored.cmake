# A project with a vendored directory and a FetchContent dependency left
# out of the staging suite, and directories of its own beside them.
include(FetchContent)
get_filename_component(dependency "${CMAKE_BINARY_DIR}/../dependency" ABSOLUTE)
file(WRITE "${dependency}/CMakeLists.txt"
  "add_test(NAME dependency_own COMMAND probe dependency_own --expect ENVIRONMENT=staging)\n")
FetchContent_Declare(vendored_dependency SOURCE_DIR "${dependency}")
FetchContent_MakeAvailable(vendored_dependency)

staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault
  EXCLUDE_DIRECTORIES third_party "${vendored_dependency_SOURCE_DIR}")

add_staging_test(NAME staged COMMAND probe staged --expect ENVIRONMENT=staging)
add_test(NAME top_plain COMMAND probe top_plain --expect ENVIRONMENT=staging)
add_subdirectory(third_party)
# Its name starts like the excluded directory's; it is the project's own.
add_subdirectory(third_party_tools)
# The project's own, built inside the excluded directory's build tree.
add_subdirectory(app "${CMAKE_BINARY_DIR}/third_party/app-build")
