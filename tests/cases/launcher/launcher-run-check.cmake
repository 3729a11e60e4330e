case_expect_statuses(Passed staging_session honest)
# The checklist fails with the run: it names the refused tests.
case_expect_statuses(Failed staging_checklist)
case_expect_match(STDOUT "before they ran: [56]\n")
case_expect_match(STDOUT "Processes started by a test's launcher with a changed environment: 3: production, strip_check, child")
case_expect_statuses(Killed production strip_check)
# Run in a child of the launcher, the test is killed and the launcher
# reports it as its own exit code.
case_expect_statuses(Failed child)
case_expect_markers(EXIST honest ABSENT production strip_check child)
case_expect_match(STDOUT "StagingTests: test 'production' refused in '[^']*/probe_production', a process its launcher started: ENVIRONMENT is 'production', required 'staging'")
case_expect_no_match(STDOUT "launcher: found the check program")
if(EXISTS "${BUILD}/CMakeCache.txt")
  file(STRINGS "${BUILD}/CMakeCache.txt" valgrind REGEX "^CASE_VALGRIND:FILEPATH=/")
  if(valgrind)
    case_expect_statuses(Passed valgrind)
    case_expect_markers(EXIST valgrind)
  endif()
endif()
