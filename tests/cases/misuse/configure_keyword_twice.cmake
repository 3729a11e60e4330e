# PASS_THROUGH given twice: only the last list would have been kept.
staging_tests_configure(PASS_THROUGH AZURE_AI_ENDPOINT PASS_THROUGH AZURE_AI_KEY)
