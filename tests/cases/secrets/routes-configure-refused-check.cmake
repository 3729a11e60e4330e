# Refused before anything is generated: the value is in no output and in no
# file of the build tree.
canary_expect_not_in_output()
secrets_expect_message("${ROUTE_MESSAGE}")
canary_expect_in_no_file("${BUILD}")
