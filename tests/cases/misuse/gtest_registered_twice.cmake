# A target registered twice would have every case discovered twice, and its
# guard linked twice.
add_executable(backend_tests tests/test_chat_router.cpp)
add_staging_gtest(backend_tests)
add_staging_gtest(backend_tests LABELS chat)
