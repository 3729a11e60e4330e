# The session runs with the built check program; the tests' own programs
# are not built, and a test that cannot start is refused, never passed.
case_expect_statuses(Passed staging_session)
case_expect_statuses(Killed staged plain release_only)
case_expect_match(STDOUT "StagingTests: test 'plain' refused: cannot run '[^']*/Release/probe'")
case_expect_markers(ABSENT staged-Release plain-Release release_only-Release staged-Debug)
