# CMake before 3.31 does not know DISCOVERY_EXTRA_ARGS and would ignore it:
# discovery would list other cases than the project meant. (The case applies
# to CMake below 3.31 only.)
add_executable(backend_tests tests/test_chat_router.cpp)
add_staging_gtest(backend_tests DISCOVERY_EXTRA_ARGS --gtest_also_run_disabled_tests)
