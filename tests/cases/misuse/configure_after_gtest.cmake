# The same after a GoogleTest target, whose guard compiles the policy in.
add_executable(backend_tests tests/test_chat_router.cpp)
add_staging_gtest(backend_tests)
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
