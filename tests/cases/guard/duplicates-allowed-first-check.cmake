case_expect_match(STDERR "programs disagree on its value \\(getenv reads the first entry, a shell the last\\)")
case_expect_markers(ABSENT t)
