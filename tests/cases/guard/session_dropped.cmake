# Every way of running the staging tests without their session: a
# CTestCustom file ignoring it (written by the case's steps), excluding it
# on the command line, or from a dashboard script. None of them leaves a
# green run: each staging test is refused.
staging_tests_configure()
add_test(NAME t COMMAND probe t)
add_test(NAME u COMMAND probe u)
