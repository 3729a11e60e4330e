# NETWORK OFF: no guard is preloaded, nothing is refused, a static program
# runs, and the checklist has no network line.
staging_tests_configure(NETWORK OFF)
network_can_link(NETWORK_CASE_STATIC -static)
add_staging_test(NAME production COMMAND netprobe resolve engram-prod-vault.vault.azure.net)
add_staging_test(NAME preload COMMAND sh -c "echo \"netprobe: LD_PRELOAD=[$LD_PRELOAD]\"")
if(NETWORK_CASE_STATIC)
  add_executable(netprobe_static "${CASE_COMMON_DIR}/netprobe.c")
  target_link_options(netprobe_static PRIVATE -static)
  add_staging_test(NAME static COMMAND netprobe_static serve 127.0.0.1 47170)
endif()
