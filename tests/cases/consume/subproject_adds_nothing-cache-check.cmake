case_expect_match(STDOUT "\nPARENT_FEATURE:BOOL=ON\n")
consume_compare_snapshot(cache)
