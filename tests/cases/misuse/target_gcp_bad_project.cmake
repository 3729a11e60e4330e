# Not a project id: upper case and an underscore.
staging_tests_configure(GOOGLE_CLOUD PROJECT Engram_Staging)
