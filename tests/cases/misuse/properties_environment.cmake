# ENVIRONMENT through PROPERTIES would replace the forced variables.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  PROPERTIES ENVIRONMENT CHAT_MODEL=gpt-4o)
