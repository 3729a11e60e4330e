# add_staging_gtest(): a discovered GoogleTest case that reaches a
# production name fails with the guard's message, though its own assertions
# pass; its neighbour that stays on loopback passes.
find_package(GTest REQUIRED)
staging_tests_configure()
add_executable(network_test gtest_network_test.cpp)
target_link_libraries(network_test PRIVATE GTest::gtest_main)
add_staging_gtest(network_test)
