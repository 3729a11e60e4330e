# A ']' in a value: with a '[' anywhere before it, CTest would read the
# entries between them as one.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT "CHAT_STOP=END]" CHAT_MODEL=gpt-4o)
