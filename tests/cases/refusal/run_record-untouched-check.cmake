case_expect_statuses(Passed staging_session first planter victim late staging_checklist)
case_expect_markers(EXIST first victim late)
