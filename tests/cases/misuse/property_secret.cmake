# A secret's value set on a test directly, not through add_staging_test():
# it would be written into CTestTestfile.cmake all the same.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast PROPERTIES TIMEOUT 30)
set_tests_properties(chat_smoke PROPERTIES ENVIRONMENT ENGRAM_DB_PASSWORD=hunter2)
