# A test without a command: add_test() would refuse it too, with less help.
add_staging_test(NAME chat_smoke)
