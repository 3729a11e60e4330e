# Listing is not running: this is what POST_BUILD discovery does in any
# shell.
case_expect_markers(ABSENT plain.first plain.second)
