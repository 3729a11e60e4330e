# Tests refused by the check program (each sets ENVIRONMENT=production for
# itself) whose other properties would turn an exit code into a skip or a
# pass. A refusal ends the process by SIGKILL, which ctest reads as a failure
# before it consults any of them. `clean` shows that the suite itself runs.
staging_tests_configure()
add_test(NAME clean COMMAND probe clean --expect ENVIRONMENT=staging)

# A forced name cannot be given to add_staging_test (it refuses it at
# configure), so these are plain tests whose properties are set afterwards.
# Each probe would exit with the code its properties turn green.
add_test(NAME skip_code_1 COMMAND probe skip_code_1 --exit 1)
add_test(NAME skip_code_01 COMMAND probe skip_code_01 --exit 1)
add_test(NAME skip_code_137 COMMAND probe skip_code_137 --exit 137)
add_test(NAME skip_regex COMMAND probe skip_regex)
add_test(NAME will_fail COMMAND probe will_fail --exit 1)
add_test(NAME pass_regex COMMAND probe pass_regex --exit 1)
add_test(NAME modification COMMAND probe modification --exit 1)
set_tests_properties(skip_code_1 PROPERTIES ENVIRONMENT ENVIRONMENT=production SKIP_RETURN_CODE 1)
# ctest reads the code with atoi: 01 is 1.
set_tests_properties(skip_code_01 PROPERTIES ENVIRONMENT ENVIRONMENT=production SKIP_RETURN_CODE 01)
# 137 is what a shell reports for a process killed by SIGKILL.
set_tests_properties(skip_code_137 PROPERTIES ENVIRONMENT ENVIRONMENT=production SKIP_RETURN_CODE 137)
# Matches the refusal's own text, and anything else.
set_tests_properties(skip_regex PROPERTIES ENVIRONMENT ENVIRONMENT=production
  SKIP_REGULAR_EXPRESSION "refused|.*")
set_tests_properties(will_fail PROPERTIES ENVIRONMENT ENVIRONMENT=production WILL_FAIL TRUE)
set_tests_properties(pass_regex PROPERTIES ENVIRONMENT ENVIRONMENT=production
  PASS_REGULAR_EXPRESSION ".*")
set_tests_properties(modification PROPERTIES
  ENVIRONMENT_MODIFICATION "ENVIRONMENT=set:production" WILL_FAIL TRUE)

# Staged at configure by add_staging_test, changed later in the same file.
add_staging_test(NAME staged_then_set COMMAND probe staged_then_set --exit 1
  PROPERTIES SKIP_RETURN_CODE 1)
add_staging_test(NAME staged_then_appended COMMAND probe staged_then_appended --exit 1
  PROPERTIES WILL_FAIL TRUE)
set_tests_properties(staged_then_set PROPERTIES ENVIRONMENT ENVIRONMENT=production)
set_property(TEST staged_then_appended APPEND PROPERTY
  ENVIRONMENT_MODIFICATION "ENVIRONMENT=set:production")

# ... and in another directory's files.
add_subdirectory(properties_sub)
