# Every body ran, in every binary, and saw what its registration promised.
set(bodies Discovery.sees_staging Fixture.sees_staging)
set(markers "")
foreach(binary IN ITEMS post_build pre_test bare added)
  foreach(body IN LISTS bodies)
    list(APPEND markers "${binary}.${body}")
  endforeach()
endforeach()
case_expect_statuses(Passed staging_session database_up staging_checklist
  post.Discovery.sees_staging post.Fixture.sees_staging
  pre.Discovery.sees_staging@ctest pre.Fixture.sees_staging@ctest
  bare.Discovery.sees_staging bare.Fixture.sees_staging
  added.Discovery.sees_staging added.Fixture.sees_staging)
case_expect_match(STDOUT "100% tests passed, 0 tests failed out of 11")
case_expect_markers(EXIST ${markers})
