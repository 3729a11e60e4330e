# TIMEOUT is add_test()'s idea; gtest_discover_tests() calls it
# DISCOVERY_TIMEOUT, and would ignore an option it does not know.
add_executable(backend_tests tests/test_chat_router.cpp)
add_staging_gtest(backend_tests TIMEOUT 30)
