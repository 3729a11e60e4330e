# Every process a test starts carries the guard: a shell's child, a child
# whose environment was emptied (env -i), the program a process execs into
# (getent, the C library's own lookups), a child of posix_spawn with an empty
# environment. Each refusal is the test's, in stderr, the record and the
# checklist.
staging_tests_configure()
set(np "$<TARGET_FILE:netprobe>")
add_staging_test(NAME shell COMMAND sh -c "${np} resolve prod-shell.example.com expect-fail")
add_staging_test(NAME emptied
  COMMAND sh -c "env -i ${np} resolve prod-emptied.example.com expect-fail")
add_staging_test(NAME exec_getent
  COMMAND netprobe exec getent hosts engram-prod-exec.example.com)
# The child of a shell in a child with no environment: still guarded.
add_staging_test(NAME emptied_grandchild
  COMMAND env -i sh -c "${np} resolve prod-grandchild.example.com expect-fail")
# Not refused, for contrast: the guard passes on what it does not refuse.
add_staging_test(NAME shell_loopback
  COMMAND sh -c "env -i ${np} serve 127.0.0.1 47160 connect 127.0.0.1 47160 expect-ok")
find_program(NETWORK_CASE_PYTHON NAMES python3)
if(NETWORK_CASE_PYTHON)
  add_staging_test(NAME spawned COMMAND "${NETWORK_CASE_PYTHON}" -c [[
import os, sys
pid = os.posix_spawn(sys.argv[1], [sys.argv[1], "resolve", "prod-spawn.example.com", "expect-fail"], {})
_, status = os.waitpid(pid, 0)
print("netprobe: spawned child status", os.waitstatus_to_exitcode(status))
sys.exit(0)
]] "${np}")
endif()
