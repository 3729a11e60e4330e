# A pass-through variable (AZURE_AI_ENDPOINT is one by default) given a value.
staging_tests_configure(VARIABLES AZURE_AI_ENDPOINT=https://engram-staging-ai.openai.azure.com/)
