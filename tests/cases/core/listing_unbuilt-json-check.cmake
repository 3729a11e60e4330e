# Listed as they will run. (ctest lists no command for a program it cannot
# find, and neither the check program nor the probe is built yet.)
foreach(name IN ITEMS staged plain)
  expect_json_test(${name}
    HAS LABELS staging
    HAS FIXTURES_REQUIRED staging_session
    HAS ENVIRONMENT ENVIRONMENT=staging)
endforeach()
expect_json_test(staging_session HAS FIXTURES_SETUP staging_session)
expect_json_test(staging_checklist HAS FIXTURES_CLEANUP staging_session)
if(EXISTS "${BUILD}/StagingTests/staging_tests_check")
  case_fail("the check program exists: this step must run before the build")
endif()
