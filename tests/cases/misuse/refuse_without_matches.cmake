# The MATCHES keyword forgotten: which of these is the variable?
staging_tests_configure(REFUSE AZURE_AI_ENDPOINT prod production)
