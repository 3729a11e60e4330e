# A name no shell can export is never passed through, so never judged.
staging_tests_configure(REFUSE azure-ai-endpoint MATCHES prod)
