# The same checks as add_staging_test()'s, named after this call.
add_executable(backend_tests tests/test_chat_router.cpp)
add_staging_gtest(backend_tests ENVIRONMENT ENVIRONMENT=production)
