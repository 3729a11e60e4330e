# A pass-through variable comes from the caller at run time; a value here
# would be written into the build tree, and hide the caller's.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast
  ENVIRONMENT AZURE_AI_ENDPOINT=https://engram-staging-ai.openai.azure.com/)
