# An empty name, as an unset variable gives: ctest could not select or report
# the test.
add_staging_test(NAME "" COMMAND chat_smoke --fast)
