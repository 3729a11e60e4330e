# A rule that refuses nothing.
staging_tests_configure(REFUSE AZURE_AI_ENDPOINT MATCHES)
