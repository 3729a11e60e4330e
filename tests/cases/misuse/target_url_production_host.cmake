# The production database.
staging_tests_configure(SERVICE_URLS DATABASE_URL=postgres://engram@db.prod.example.com:5432/engram)
