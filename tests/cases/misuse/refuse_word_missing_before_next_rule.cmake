# The first rule's words went missing (an empty variable): the next rule's
# name must not be taken for a word.
staging_tests_configure(REFUSE AZURE_AI_ENDPOINT MATCHES AZURE_AI_KEY MATCHES prod)
