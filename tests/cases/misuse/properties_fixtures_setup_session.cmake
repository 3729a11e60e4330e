# A test that sets up the session fixture would run in the session's place,
# before the session has validated anything.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  PROPERTIES FIXTURES_SETUP staging_session)
