# The same through the project's own doctest::Context.
case_expect_markers(ABSENT own_main.changes own_main.keeps)
case_expect_no_match(STDOUT "test cases|assertions|Status:")
