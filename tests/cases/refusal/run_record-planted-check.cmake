# The check program opens the record without following links and without
# blocking: what is in its place refuses the next test, promptly.
case_expect_statuses(Passed staging_session first planter late)
case_expect_statuses(Killed victim)
case_expect_statuses(Failed staging_checklist)
case_expect_markers(EXIST first ABSENT victim)
case_expect_match(STDOUT "StagingTests: test 'victim' refused: cannot write the run record in '[^'\n]*/StagingTests/runs/[^'\n]+': tests\\.log is not a regular file \\(a FIFO, directory or link is in its place\\)\\.\nFix: leave StagingTests' run directories to it")
# The checklist cannot read the record either, and says so.
case_expect_match(STDOUT "The run record holds lines no check wrote \\(tests\\.log is not a regular file\\)")
