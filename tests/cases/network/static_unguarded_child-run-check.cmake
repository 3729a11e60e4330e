network_read()
case_expect_statuses(Passed staging_session program_listed_child staging_checklist)
network_expect_not_refused(program_listed_child)
network_expect_line("serving 127.0.0.1:47147")
network_expect_checklist(WORDS 0)
# The unguarded child is told, like an unguarded test.
case_expect_match(OUT "\n  Tests run without the network guard, as the policy allows: 1: program_listed_child[ \n]")
