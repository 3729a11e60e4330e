# A keyword whose value went missing (an empty variable, say): the test would
# run somewhere nobody chose.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast WORKING_DIRECTORY)
