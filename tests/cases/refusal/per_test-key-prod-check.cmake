include("${AREA_DIR}/per_test-caller-refused-check.cmake")
# A secret's value is never shown, not even with -V.
case_expect_no_match(STDOUT "4711")
case_expect_no_match(STDERR "4711")
