# add_test()'s old signature, add_test(<name> <command>): it has no room for
# the staging keywords, and its name would be read as a keyword.
add_staging_test(chat_smoke chat_smoke --fast)
