# GOOGLE_CLOUD without the project the client libraries read.
staging_tests_configure(GOOGLE_CLOUD CREDENTIALS /etc/engram/staging-key.json)
