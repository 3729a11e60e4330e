# A program built with AddressSanitizer (its runtime must come first in the
# process) carries the guard: run directly, and as a child of a shell and of
# a guarded program's exec. NETWORK_CASE_ASAN: whether the compiler links
# -fsanitize=address (the case is not applicable otherwise).
network_can_link(NETWORK_CASE_ASAN -fsanitize=address)
staging_tests_configure()
if(NETWORK_CASE_ASAN)
  add_executable(netprobe_asan "${CASE_COMMON_DIR}/netprobe.c")
  target_compile_options(netprobe_asan PRIVATE -fsanitize=address)
  target_link_options(netprobe_asan PRIVATE -fsanitize=address)
  set(asan "$<TARGET_FILE:netprobe_asan>")
  add_staging_test(NAME asan_name COMMAND netprobe_asan resolve prod-asan.example.com expect-fail)
  add_staging_test(NAME asan_loopback
    COMMAND netprobe_asan serve 127.0.0.1 47150 connect 127.0.0.1 47150 expect-ok)
  add_staging_test(NAME asan_child
    COMMAND sh -c "env -i ${asan} resolve prod-asan-child.example.com expect-fail")
  add_staging_test(NAME asan_exec
    COMMAND netprobe exec ${asan} resolve prod-asan-exec.example.com expect-fail)
endif()
