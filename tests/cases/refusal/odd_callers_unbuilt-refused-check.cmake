case_expect_no_match(STDOUT "Test +#")
refusal_expect_printable(STDOUT)
refusal_expect_printable(STDERR)
# CMake wraps the message: whitespace aside, the value is shown as the check
# program shows it.
string(REGEX REPLACE "[ \t\r\n]+" " " message "${STDERR}")
case_expect_match(message "ERROR: Tests must run against STAGING environment only! Current environment: ${ODD_SHOWN} Allowed environments: staging, stg ")
