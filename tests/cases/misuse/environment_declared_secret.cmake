# A name declared secret with SECRETS, though no secret pattern matches it.
staging_tests_configure(SECRETS ENGRAM_DB_CONNECTION)
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT "ENGRAM_DB_CONNECTION=Server=db;User=app")
