# The tree staging-doctor explains: plain add_test() tests in the top
# directory and in two sub-directories, a GoogleTest binary carrying the
# in-binary guard, a test the network guard leaves alone
# (NETWORK_UNGUARDED_TESTS), and a directory left out of the staging suite
# (EXCLUDE_DIRECTORIES). Every test leaves a marker when it runs, so a step
# can prove that explaining the tree ran none of them.
find_package(GTest REQUIRED)
staging_tests_configure(
  PASS_THROUGH AZURE_AI_ENDPOINT AZURE_AI_KEY
  NETWORK_UNGUARDED_TESTS "memory_raw*"
  EXCLUDE_DIRECTORIES tree_vendored)

add_test(NAME top_probe COMMAND probe top_probe --expect ENVIRONMENT=staging)
add_subdirectory(tree_chat)
add_subdirectory(tree_memory)
add_subdirectory(tree_vendored)

add_executable(routes routes_test.cpp)
target_link_libraries(routes PRIVATE GTest::gtest_main)
target_compile_definitions(routes PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\"")
add_staging_gtest(routes)
