# ADD_LABELS 1: the memory router's suite is a label of its 8 cases, and of
# no chat router case; the session runs with them.
case_expect_match(STDOUT "100% tests passed, 0 tests failed out of 10\n")
case_expect_statuses(Passed staging_session staging_checklist
  "memory: adding one returns 201 and its id" "memory: facts come most confident first")
case_expect_statuses(Absent "chat: a message gets the agent's reply"
  "staging: ENVIRONMENT is staging")
