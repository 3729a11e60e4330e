# A test asking for another environment: the one thing StagingTests exists
# to stop.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast ENVIRONMENT ENVIRONMENT=production)
