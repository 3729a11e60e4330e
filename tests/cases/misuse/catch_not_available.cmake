# catch_discover_tests() comes with Catch2's own CMake scripts, which nothing
# made available: the cases would never be discovered.
add_executable(chat_catch tests/chat_catch.cpp)
add_staging_catch(chat_catch)
