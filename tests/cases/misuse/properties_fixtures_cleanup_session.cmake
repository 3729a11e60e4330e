# A test that cleans up the session fixture would run after every staging
# test, outside the session's protection, in the checklist's place.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  PROPERTIES FIXTURES_CLEANUP staging_session)
