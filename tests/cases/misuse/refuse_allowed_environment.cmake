# Refusing the enforced environment's own word would refuse every run.
staging_tests_configure(REFUSE AZURE_AI_ENDPOINT MATCHES staging)
