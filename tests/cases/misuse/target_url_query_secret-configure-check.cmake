# The secret's value is in the call, and nowhere in what the configure says.
case_expect_no_match(STDERR "abc123")
case_expect_no_match(STDOUT "abc123")
