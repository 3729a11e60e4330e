# Test launchers and emulators (CMAKE_TEST_LAUNCHER, CMAKE_CROSSCOMPILING_EMULATOR):
# one cannot run a test unchecked, nor change a forced variable for it, and an
# ordinary one (valgrind, a wrapper script) keeps working.

function(_launcher_case)
  case_configure(configure)
  case_build(build)
  case_ctest(run ARGS --output-on-failure EXPECT launcher-run)
  case_ctest(list ARGS --show-only=json-v1 EXPECT launcher-list)
endfunction()

function(case_emulator)
  _launcher_case()
endfunction()

function(case_test_launcher)
  case_requires_cmake(3.29)
  _launcher_case()
endfunction()
