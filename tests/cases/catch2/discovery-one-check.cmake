# The test of one case ran that case alone.
case_expect_statuses(Passed staging_session "post.keeps [brackets] in its name" staging_checklist)
case_expect_markers(EXIST post.brackets ABSENT post.plain post.comma)
