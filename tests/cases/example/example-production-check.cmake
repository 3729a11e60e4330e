# Refused before any test: ctest started none.
case_expect_no_match(STDOUT "Start +[0-9]+:|Test +#[0-9]+:")
case_expect_no_match(STDOUT "Confirmed")
