# A secret's name with a space: no variable is named so.
staging_tests_configure(SECRETS "ENGRAM DB PASSWORD")
