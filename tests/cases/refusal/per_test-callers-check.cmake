case_expect_statuses(Passed staging_session clean same_environment reset_environment
  endpoint_fine staging_checklist)
case_expect_statuses(Absent ${REFUSAL_PER_TEST_SELF})
case_expect_markers(EXIST clean endpoint_fine)
