# A value ending with '\' escapes CTest's list separator: the next entry
# would silently become part of this value.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT "CHAT_CACHE=C:\\cache\\" CHAT_MODEL=gpt-4o)
