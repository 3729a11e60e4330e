# A C-only project (the case configures the area's project with
# -DCASE_LANGUAGES=C, as project(no_cxx LANGUAGES C) would): the check program
# and the guards are C++.
staging_tests_configure()
add_test(NAME chat_smoke COMMAND chat_smoke --fast)
