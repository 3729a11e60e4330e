# A keyword given twice: cmake_parse_arguments() would keep the last one and
# drop the first labels without a word.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast LABELS smoke LABELS fast)
