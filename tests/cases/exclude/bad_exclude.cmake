# EXCLUDE_DIRECTORIES naming what is not a directory of the build:
# -DCASE_VARIANT=missing (no such directory) or not_built (a directory
# nothing adds).
add_test(NAME t COMMAND probe t)
add_subdirectory(third_party)
staging_tests_configure(EXCLUDE_DIRECTORIES ${CASE_VARIANT})
