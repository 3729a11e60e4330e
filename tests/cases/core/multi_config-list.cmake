# Included by the listing checks with `config` (whose tests) and `check`
# (whose check program) set: every test of <config> runs that
# configuration's probe under <check>'s check program.
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" build "${BUILD}")
set(names staged plain)
if(config STREQUAL "Release")
  list(APPEND names release_only)
else()
  expect_json_test(release_only ABSENT)
endif()
foreach(name IN LISTS names)
  expect_json_test(${name}
    COMMAND_MATCHES "^${build}/StagingTests/${check}/staging_tests_check run --run-dir [^ ]+ --test ${name} -- ${build}/${config}/probe ${name}-${config}( |$)"
    HAS LABELS staging
    HAS FIXTURES_REQUIRED staging_session)
endforeach()
foreach(name IN ITEMS staging_session staging_checklist)
  expect_json_test(${name}
    COMMAND_MATCHES "^${build}/StagingTests/${check}/staging_tests_check ")
endforeach()
