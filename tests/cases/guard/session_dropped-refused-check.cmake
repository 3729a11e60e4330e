# Refused by the check program (killed), never run, never green.
case_expect_statuses(Killed t)
case_expect_no_match(STDOUT "Test +#[0-9]+: u [^\n]*Passed")
case_expect_markers(ABSENT t u)
