# After the doctor, the suite runs as it always did.
case_expect_statuses(Passed staging_session top_probe chat_send chat_history memory_store
  memory_raw_socket Routes.first Routes.second staging_checklist)
case_expect_statuses(Absent vendored_own)
case_expect_markers(EXIST top_probe chat_send chat_history memory_store memory_raw_socket
  routes.first routes.second ABSENT vendored_own)
case_expect_no_match(STDOUT "StagingTests\\.doctor")
