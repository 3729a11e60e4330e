# Refused tests print why, and nothing of what they inherited.
canary_expect_not_in_output()
case_expect_statuses(Killed canary_key canary_declared)
case_expect_match(STDOUT "StagingTests: test 'canary_key' refused: the session 'staging_session' did not pass")
