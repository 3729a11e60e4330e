# The staging project with the production service account key.
staging_tests_configure(GOOGLE_CLOUD PROJECT engram-staging CREDENTIALS /etc/engram/prod/key.json)
