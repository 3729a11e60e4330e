case_expect_match(STDERR "StagingTests: a command StagingTests relies on was redefined|StagingTests_refused__a_command_the_guard_relies_on_was_redefined")
case_expect_markers(ABSENT t after)
