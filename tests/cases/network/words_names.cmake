# The default policy (NETWORK WORDS): a name holding a production or UAT
# word, whole, is refused before it is looked up, by getaddrinfo,
# gethostbyname and res_query alike, whatever its case and with a trailing
# dot; a name that merely holds the letters is looked up (and fails, on a
# machine without DNS, as the system fails it).
staging_tests_configure()
foreach(call IN ITEMS resolve hostbyname resquery)
  add_staging_test(NAME ${call}_vault COMMAND netprobe ${call} engram-prod-vault.vault.azure.net expect-fail)
  add_staging_test(NAME ${call}_uat COMMAND netprobe ${call} api.uat.example.com expect-fail)
  add_staging_test(NAME ${call}_dot COMMAND netprobe ${call} PROD.example.com. expect-fail)
  add_staging_test(NAME ${call}_products COMMAND netprobe ${call} products.example.com)
  add_staging_test(NAME ${call}_dev_azure COMMAND netprobe ${call} dev.azure.com)
endforeach()
# A test that takes the refusal in its stride and exits 0 fails all the
# same; a shell that runs such a program sees its status 1.
add_staging_test(NAME caught COMMAND netprobe resolve engram-prod-db.example.com exit 0)
add_staging_test(NAME caught_status COMMAND sh -c "\"$0\" resolve engram-prod-db.example.com exit 0; echo \"netprobe: status $?\"" $<TARGET_FILE:netprobe>)
