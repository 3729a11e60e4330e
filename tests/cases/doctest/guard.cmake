# The doctest guard inside each binary: what a case does to the environment,
# however it then ends, a project's own main() (a doctest::Context), and what
# a binary does when run by hand. Every target is discovered after the build,
# which the case builds in a production shell.
staging_tests_configure()

doctest_case_target(flip SOURCES flip_test.cpp)
add_staging_doctest(flip)
doctest_case_target(plain SOURCES plain_test.cpp)
add_staging_doctest(plain)
doctest_case_target(own_main OWN_MAIN SOURCES own_main_test.cpp)
add_staging_doctest(own_main)
