# Sharded tests are added by catch_add_sharded_tests(), which takes none of
# catch_discover_tests()'s naming options.
add_executable(chat_catch tests/chat_catch.cpp)
add_staging_catch(chat_catch SHARD_COUNT 4 TEST_PREFIX chat.)
