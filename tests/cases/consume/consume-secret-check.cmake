case_expect_statuses(Passed staging_session consume_two)
case_expect_match(STDERR "AZURE_AI_KEY: set \\(redacted\\)")
case_expect_no_match(STDOUT "s3cr3t-consume-value")
case_expect_no_match(STDERR "s3cr3t-consume-value")
