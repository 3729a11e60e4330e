# Not a variable name.
staging_tests_configure(SERVICE_URLS 1DATABASE_URL=postgres://engram@db.staging.example.com/engram)
