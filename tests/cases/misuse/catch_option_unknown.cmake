# DISCOVERY_MODE is Catch2 v3's: the Catch2 v2 in use (catch2-v2/Catch.cmake
# here stands for its own, with the same signature) would ignore it silently.
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_SOURCE_DIR}/catch2-v2")
add_executable(chat_catch tests/chat_catch.cpp)
add_staging_catch(chat_catch DISCOVERY_MODE PRE_TEST)
