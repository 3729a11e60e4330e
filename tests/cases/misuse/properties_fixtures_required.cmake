# FIXTURES_REQUIRED through PROPERTIES would replace the session fixture.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  PROPERTIES FIXTURES_REQUIRED database)
