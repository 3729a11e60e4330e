case_expect_no_match(STDOUT "Test +#[0-9]+:")
case_expect_no_match(STDERR "not built yet")
case_expect_markers(ABSENT staged plain)
