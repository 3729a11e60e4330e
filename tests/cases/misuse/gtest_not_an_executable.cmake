# The library under test instead of the test executable: there is nothing to
# discover in it.
add_library(engram_backend STATIC src/chat_router.cpp)
add_staging_gtest(engram_backend)
