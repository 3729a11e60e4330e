case_expect_no_match(STDERR "StagingTests")
case_expect_no_match(STDOUT "StagingTests")
