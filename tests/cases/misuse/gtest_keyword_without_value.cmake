# An option whose value went missing: every case would be named without the
# prefix the project meant.
add_executable(backend_tests tests/test_chat_router.cpp)
add_staging_gtest(backend_tests TEST_PREFIX)
