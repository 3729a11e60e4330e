# Each case that pointed the process at production is killed, however it
# ended; every other case ends as it would without the guard.
set(killed "flip changes environment" "flip then exit" "flip then _exit" "flip then throw"
  "own main changes environment")
case_expect_statuses(Killed ${killed})
case_expect_statuses(Passed staging_session "zz later is unaffected" "plain first" "plain second"
  "own main keeps environment")
# The checklist fails when anything was refused, so that its summary is
# shown beside the failures; it names the cases the guard failed (a case
# that ended the process never reported its end, so it cannot name those).
case_expect_statuses(Failed staging_checklist)
case_expect_match(STDOUT " 6 tests failed out of 11\n")
case_expect_markers(EXIST flip.changes flip.exit flip.underscore_exit flip.throw
  own_main.changes own_main.keeps plain.first plain.second)
foreach(name IN ITEMS "flip changes environment" "flip then throw" "own main changes environment")
  case_expect_match(STDOUT "checked inside their binaries[^\n]*, failed [0-9]+: [^\n]*${name}")
endforeach()

# The failing case is named, with the value it left and the one required.
foreach(name IN ITEMS "flip changes environment" "flip then throw")
  case_expect_match(STDOUT "StagingTests: test '${name}' changed the environment while it ran: ENVIRONMENT is 'production', required 'staging'")
endforeach()
foreach(name IN ITEMS "flip then exit" "flip then _exit")
  case_expect_match(STDOUT "StagingTests: test '${name}' changed the environment and ended the process: ENVIRONMENT is 'production', required 'staging'")
endforeach()
case_expect_match(STDOUT "StagingTests: test 'own main changes environment' changed the environment while it ran: ENVIRONMENT is 'uat', required 'staging'")
# No other case is named as having changed anything.
string(REGEX MATCHALL "StagingTests: test '[^']*' changed the environment" named "${STDOUT}")
list(REMOVE_DUPLICATES named)
list(LENGTH named count)
if(NOT count EQUAL 5)
  case_fail("5 cases should be named as changing the environment, found ${count}: ${named}")
endif()
