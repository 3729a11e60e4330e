# TIMEOUT is a test property, not a keyword: left to itself it would have
# become part of nothing, silently.
add_staging_test(NAME chat_smoke TIMEOUT 30 COMMAND chat_smoke --fast)
