# A token in the query: written into the build tree like a password.
staging_tests_configure(SERVICE_URLS SEARCH_URL=https://search.staging.example.com/v1?api_key=abc123)
