# Each case that pointed the process at production is killed, however it
# ended; every other case passes, death tests included.
case_expect_statuses(Killed Flip.changes_environment Flip.exits Flip.underscore_exits
  Flip.prints_skip_marker Flip.skips Ignoring.changes_environment Cxx11.changes_environment
  silenced.Plain.first silenced.Plain.second)
case_expect_statuses(Passed staging_session Flip.zz_later_is_unaffected Plain.first
  Plain.second Death.fast_style Death.threadsafe_style Ignoring.keeps_environment
  Cxx11.keeps_standard)
# The checklist fails when anything was refused, so that its summary is
# shown beside the failures; it names the cases the guard failed.
case_expect_statuses(Failed staging_checklist)
case_expect_match(STDOUT "44% tests passed, 10 tests failed out of 18")
foreach(failed IN ITEMS Flip.changes_environment Ignoring.changes_environment
    Cxx11.changes_environment)
  string(REPLACE "." "\\." failed "${failed}")
  case_expect_match(STDOUT "checked inside their binaries[^\n]*, failed [0-9]+: [^\n]*${failed}")
endforeach()
case_expect_no_match(STDOUT "Test +#[0-9]+: [^\n]*(\\*\\*\\*Skipped|Not Run)")
case_expect_markers(EXIST Flip.changes_environment Flip.exits Flip.underscore_exits
  Flip.prints_skip_marker Flip.skips Ignoring.changes_environment Ignoring.keeps_environment
  Cxx11.keeps_standard Cxx11.changes_environment plain.Plain.first plain.Plain.second)
# The failing case is named, with the value it left and the one required.
foreach(flipped IN ITEMS changes_environment prints_skip_marker skips)
  case_expect_match(STDOUT "StagingTests: test 'Flip\\.${flipped}' changed the environment while it ran: ENVIRONMENT is 'production', required 'staging'")
endforeach()
foreach(exited IN ITEMS exits underscore_exits)
  case_expect_match(STDOUT "StagingTests: test 'Flip\\.${exited}' changed the environment and ended the process: ENVIRONMENT is 'production', required 'staging'")
endforeach()
case_expect_match(STDOUT "StagingTests: test 'Ignoring\\.changes_environment' changed the environment while it ran: ENVIRONMENT is 'uat', required 'staging'")
case_expect_match(STDOUT "StagingTests: test 'Cxx11\\.changes_environment' changed the environment while it ran: ENVIRONMENT is 'production', required 'staging'")
case_expect_match(STDOUT "StagingTests: GoogleTest ran with its internal death-test flag outside a death test")
# No other case is named as having changed anything.
string(REGEX MATCHALL "StagingTests: test '[^']*' changed the environment" named "${STDOUT}")
list(REMOVE_DUPLICATES named)
list(LENGTH named count)
if(NOT count EQUAL 7)
  case_fail("7 cases should be named as changing the environment, found ${count}: ${named}")
endif()
