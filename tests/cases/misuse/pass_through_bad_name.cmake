# A name no shell can export is never passed through.
staging_tests_configure(PASS_THROUGH AZURE-AI-ENDPOINT AZURE_AI_KEY)
