case_expect_statuses(Killed flips)
case_expect_match(STDOUT "StagingTests: test 'flips' refused: AWS_PROFILE is 'engram-prod', required 'engram-staging'")
canary_expect_not_in_output()
