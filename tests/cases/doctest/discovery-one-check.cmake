# The test of one case ran that case alone.
case_expect_statuses(Passed staging_session "post.routes a message, then answers@ctest"
  staging_checklist)
case_expect_markers(EXIST post.comma ABSENT post.plain post.brackets post.suite)
