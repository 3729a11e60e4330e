# The staging host, but the query sends libpq to the production one.
staging_tests_configure(SERVICE_URLS DATABASE_URL=postgres://engram@db.staging.example.com/engram?host=db.prod.example.com)
