# Shards are named when the target is built, too late for the properties
# this call would give them.
add_executable(chat_catch tests/chat_catch.cpp)
add_staging_catch(chat_catch SHARD_COUNT 4 LABELS chat)
