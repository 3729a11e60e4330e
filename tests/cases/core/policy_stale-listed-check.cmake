case_expect_match(STDOUT "Test +#[0-9]+: t\n")
case_expect_match(STDERR "can be listed but not run\\. Rebuild: cmake --build \"[^\"]*/build\"")
