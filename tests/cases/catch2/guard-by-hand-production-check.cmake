# Stopped when the cases were about to run: no body ran, and no reporter
# said anything about a case.
case_expect_markers(ABSENT plain.first plain.second)
case_expect_no_match(STDOUT "passed|failed|assertion|test case")
