# Stopped when the cases were about to run: no body ran, none started.
case_expect_markers(ABSENT plain.Plain.first plain.Plain.second)
case_expect_no_match(STDOUT "\\[ RUN|\\[       OK|SKIPPED")
