case_expect_match(STDOUT "Test +#[0-9]+: odd_one\n")
case_expect_match(STDERR "the check program is not built yet, so this suite can be listed but not run")
