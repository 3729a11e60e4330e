# CTest reads the environment as a list: an unbalanced '[' swallows the
# separators after it, so every later entry would merge into this one.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT "CHAT_STOP=[END" CHAT_MODEL=gpt-4o)
