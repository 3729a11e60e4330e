# A test that takes LD_PRELOAD out of its environment and then starts a
# command with system() or popen(), which glibc spawns internally (not
# through the execve or posix_spawn symbols the guard wraps): the command is
# guarded all the same, as the toolkit documents for every process a test
# starts ("a child whose environment was emptied gets it back").
staging_tests_configure()
add_executable(libc_spawn libc_spawn.c)
set(np "$<TARGET_FILE:netprobe>")
add_staging_test(NAME via_system
  COMMAND libc_spawn system "${np} resolve prod-system.example.com expect-fail")
add_staging_test(NAME via_popen
  COMMAND libc_spawn popen "${np} resolve prod-popen.example.com expect-fail")
