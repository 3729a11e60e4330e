# Words are matched whole, not as patterns: '*prod*' could never match.
staging_tests_configure(REFUSE AZURE_AI_ENDPOINT MATCHES *prod*)
