# PROPERTIES takes pairs: a property without its value would shift every
# pair after it.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast PROPERTIES TIMEOUT 30 RUN_SERIAL)
