# A secret's value in an ENVIRONMENT_MODIFICATION operation is written into
# the build tree as surely as in ENVIRONMENT.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  PROPERTIES ENVIRONMENT_MODIFICATION ENGRAM_DB_PASSWORD=set:hunter2)
