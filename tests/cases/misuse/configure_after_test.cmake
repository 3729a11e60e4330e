# The first staging test took the default policy; a policy declared after it
# would not apply to it.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast)
staging_tests_configure(AZURE_KEY_VAULT engram-staging-vault)
