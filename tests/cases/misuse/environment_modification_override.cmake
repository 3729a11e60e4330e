# ENVIRONMENT_MODIFICATION applies after ENVIRONMENT, so it could undo the
# forced value.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  PROPERTIES ENVIRONMENT_MODIFICATION ENVIRONMENT=set:production)
