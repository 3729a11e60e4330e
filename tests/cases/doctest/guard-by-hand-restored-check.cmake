# The case after the one that changed the environment sees it restored; the
# process is killed all the same.
case_expect_markers(EXIST flip.changes flip.later_saw_staging)
case_expect_match(STDERR "StagingTests: test 'flip changes environment' changed the environment while it ran: ENVIRONMENT is 'production', required 'staging'")
