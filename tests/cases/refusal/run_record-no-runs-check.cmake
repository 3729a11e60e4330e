# The session cannot make this run's directory: it fails, and no test runs.
case_expect_statuses(Killed staging_session)
case_expect_statuses(NotRun first planter victim late)
# The checklist runs (a fixture's cleanup does) and fails: nothing was validated.
case_expect_statuses(Failed staging_checklist)
case_expect_markers(ABSENT first victim late)
case_expect_match(STDOUT "StagingTests: session refused: cannot create the run directory '[^'\n]*/StagingTests/runs/[^'\n]+': [^\n]+\\.\nFix: make the build tree writable")
