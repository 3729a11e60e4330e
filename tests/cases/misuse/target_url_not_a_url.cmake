# A host name where a URL belongs.
staging_tests_configure(SERVICE_URLS DATABASE_URL=db.staging.example.com)
