# The secret's value is in the call, and nowhere in what the configure says.
case_expect_no_match(STDERR "hunter2")
case_expect_no_match(STDOUT "hunter2")
