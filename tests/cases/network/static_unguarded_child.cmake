# A static program that NETWORK_UNGUARDED_PROGRAMS lets run as a test's
# child runs without the guard: the checklist must name the test among those
# run without the guard, as it does when the program is the test's own
# command (the static case).
network_can_link(NETWORK_CASE_STATIC -static)
staging_tests_configure(NETWORK_UNGUARDED_PROGRAMS */bin/netprobe_static_ok)
if(NETWORK_CASE_STATIC)
  add_executable(netprobe_static_ok "${CASE_COMMON_DIR}/netprobe.c")
  target_link_options(netprobe_static_ok PRIVATE -static)
  add_staging_test(NAME program_listed_child
    COMMAND sh -c "$<TARGET_FILE:netprobe_static_ok> serve 127.0.0.1 47147")
endif()
