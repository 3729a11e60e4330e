# A secret's value in the build files: CTestTestfile.cmake would hold it, and
# ctest --show-only would print it.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT ENGRAM_DB_PASSWORD=hunter2)
