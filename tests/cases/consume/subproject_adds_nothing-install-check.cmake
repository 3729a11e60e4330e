case_expect_match(STDOUT "/prefix/bin/probe\n")
consume_compare_snapshot(install)
