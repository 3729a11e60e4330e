# CMake's own message, naming the version requested and the one found.
string(REGEX REPLACE "[ \t\r\n]+" " " message "${STDERR}")
case_expect_match(message "Could not find a configuration file for package \"StagingTests\" that is compatible with requested version \"${CONSUME_REQUESTED}\"\\.")
case_expect_match(message "/build/prefix/lib/cmake/StagingTests/StagingTestsConfig\\.cmake, version: 2\\.2\\.0")
case_expect_no_match(STDERR "did not stop the configure")
