# StagingTests' own variables are not the caller's to pass.
staging_tests_configure(PASS_THROUGH AZURE_AI_KEY STAGING_TESTS_CALLER_ENVIRONMENT)
