# The session test's name: ctest would hold two tests of that name, and the
# project's would stand in for the session.
add_staging_test(NAME staging_session COMMAND chat_smoke --fast)
