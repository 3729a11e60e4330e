case_expect_statuses(Passed staging_session staged plain release_only staging_checklist)
case_expect_markers(EXIST staged-Release plain-Release release_only-Release
  ABSENT staged-Debug plain-Debug)
