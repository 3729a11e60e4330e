# A test needs a name: ctest selects, reports and stages tests by it.
add_staging_test(COMMAND chat_smoke --fast)
