# The banner and the confirmation before the first test, and every test of
# the suite passed: 18 Catch2 test cases, the session and the checklist.
example_expect_workflow(20)
