# A database URL with its password: the password would be written into the build tree.
staging_tests_configure(SERVICE_URLS DATABASE_URL=postgres://engram:hunter2@db.staging.example.com:5432/engram)
