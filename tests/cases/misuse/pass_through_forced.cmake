# A variable both forced and passed through: its value would be the policy's
# and the caller's at once. The forced value is what would reach the build
# tree, so that is what the message is about.
staging_tests_configure(VARIABLES ENGRAM_REGION=westeurope
  PASS_THROUGH AZURE_AI_ENDPOINT AZURE_AI_KEY ENGRAM_REGION)
