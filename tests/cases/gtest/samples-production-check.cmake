# Refused before any case: no case started, and no printer (GoogleTest's or
# the samples' own) reported anything.
case_expect_no_match(STDOUT "\\[ RUN|TEST PASSED|TEST FAILED|SKIPPED")
