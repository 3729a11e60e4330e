set(through_toolkit
  post.Discovery.sees_staging post.Fixture.sees_staging
  pre.Discovery.sees_staging@ctest pre.Fixture.sees_staging@ctest)
set(bare bare.Discovery.sees_staging bare.Fixture.sees_staging
  added.Discovery.sees_staging added.Fixture.sees_staging)

gtest_listed_names(names)
list(LENGTH names count)
if(NOT count EQUAL 11)
  case_fail("11 tests expected, listed ${count}: ${names}")
endif()

foreach(test IN LISTS through_toolkit bare)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" escaped "${test}")
  string(REGEX MATCH "^[a-z]+" prefix "${test}")
  set(binary "${prefix}")
  if(prefix STREQUAL "post")
    set(binary post_build)
  elseif(prefix STREQUAL "pre")
    set(binary pre_test)
  endif()
  # The check program first, the GoogleTest binary after its "--".
  gtest_expect_command("${test}"
    "^[^ ]*/StagingTests/([^/ ]+/)?staging_tests_check run --run-dir [^ ]+ --test ${escaped} -- [^ ]*/bin/${binary} --gtest_filter=")
  gtest_expect_property("${test}" LABELS staging)
  gtest_expect_property("${test}" FIXTURES_REQUIRED staging_session)
  gtest_expect_property("${test}" ENVIRONMENT ENVIRONMENT=staging
    AZURE_KEY_VAULT_NAME=engram-staging-vault
    AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/)
endforeach()

foreach(test IN LISTS through_toolkit)
  gtest_expect_property("${test}" LABELS gtest two-words)
  gtest_expect_property("${test}" FIXTURES_REQUIRED database)
  gtest_expect_property("${test}" ENVIRONMENT X_ONE=1 "X_TWO=a;b c" "X_QUOTED=\"q\" $HOME 'x'")
  gtest_expect_property("${test}" TIMEOUT 60)
  gtest_expect_property("${test}" RESOURCE_LOCK db cache)
endforeach()
