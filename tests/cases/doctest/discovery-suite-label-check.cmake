# Selected by its suite's label: the one case of the suite, in the one binary
# registered with ADD_LABELS 1, and the session that every staging test needs.
case_expect_statuses(Passed staging_session "labelled.belongs to a suite" staging_checklist)
case_expect_statuses(Absent "post.belongs to a suite@ctest" "bare.belongs to a suite"
  "labelled.plain")
case_expect_markers(EXIST labelled.suite ABSENT post.suite bare.suite labelled.plain)
