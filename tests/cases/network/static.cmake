# A statically linked program cannot carry the guard: as the test's command
# the check program refuses it before it runs; as a child, the exec fails
# (EACCES). It runs, unguarded, when NETWORK_UNGUARDED_PROGRAMS names it or
# the test is in NETWORK_UNGUARDED_TESTS, and the checklist says so.
# NETWORK_CASE_STATIC: whether this toolchain links -static at all (the
# case is not applicable otherwise).
network_can_link(NETWORK_CASE_STATIC -static)
staging_tests_configure(NETWORK_UNGUARDED_PROGRAMS */bin/netprobe_static_ok
  NETWORK_UNGUARDED_TESTS unguarded_*)
if(NETWORK_CASE_STATIC)
  foreach(name IN ITEMS netprobe_static netprobe_static_ok)
    add_executable(${name} "${CASE_COMMON_DIR}/netprobe.c")
    target_link_options(${name} PRIVATE -static)
  endforeach()
  set(static "$<TARGET_FILE:netprobe_static>")
  set(static_ok "$<TARGET_FILE:netprobe_static_ok>")
  # Refused: "serving" would show that it ran.
  add_staging_test(NAME direct COMMAND netprobe_static serve 127.0.0.1 47140)
  add_staging_test(NAME child COMMAND sh -c "${static} serve 127.0.0.1 47141")
  add_staging_test(NAME exec_child COMMAND netprobe exec ${static} serve 127.0.0.1 47142)
  # Let run: the program is listed, or the test. Unguarded, a production
  # name is not refused either.
  add_staging_test(NAME program_listed
    COMMAND netprobe_static_ok serve 127.0.0.1 47143 resolve prod-static.example.com)
  add_staging_test(NAME program_listed_child
    COMMAND sh -c "${static_ok} serve 127.0.0.1 47144")
  add_staging_test(NAME unguarded_direct
    COMMAND netprobe_static serve 127.0.0.1 47145 resolve prod-static.example.com)
  add_staging_test(NAME unguarded_child COMMAND sh -c "${static} serve 127.0.0.1 47146")
endif()
