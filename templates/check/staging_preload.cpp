// The process guard: a shared library the check program preloads
// (LD_PRELOAD) into a test whose command starts with a test launcher or an
// emulator (TEST_LAUNCHER, CROSSCOMPILING_EMULATOR). The check program runs
// before the launcher, so the launcher cannot run the test unchecked; this
// library checks again in every process the launcher starts, the test's
// own included, so that a launcher cannot change a forced variable for it
// either.
//
// It runs before main() in processes that are not the toolkit's, so it
// depends on nothing but the C library: the rules are rules_core.hpp's
// inline functions over the compiled policy. When a forced variable is
// missing, differs or is given twice, it hands the process over to the
// check program, which says why with the toolkit's messages and ends it.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

#include <unistd.h>

#include "staging/rules_core.hpp"
#include "staging_compiled_policy.hpp"

extern "C" char** environ;

namespace {

bool environment_kept() noexcept {
  for (const staging::Variable& required : staging::compiled_policy().forced) {
    std::optional<std::string_view> first;
    int count = 0;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
      if (const std::optional<std::string_view> value = staging::value_of(*entry, required.name)) {
        if (count++ == 0) first = value;
      }
    }
    if (count != 1 || !staging::satisfies(required, first)) return false;
  }
  return true;
}

[[noreturn]] void hand_over(int argc, char** argv) noexcept {
  const char* const check = std::getenv("STAGING_TESTS_CHECK");
  const char* const run_dir = std::getenv("STAGING_TESTS_RUN_DIR");
  const char* const test = std::getenv("STAGING_TESTS_TEST");
  if (check != nullptr && run_dir != nullptr && test != nullptr && argc >= 1 && argc < 1000) {
    const char* arguments[1024];
    int used = 0;
    for (const char* word : {check, "process", "--run-dir", run_dir, "--test", test, "--"}) {
      arguments[used++] = word;
    }
    arguments[used++] = argv[0];
    arguments[used] = nullptr;
    // The check program must not load this library again.
    unsetenv("LD_PRELOAD");
    execv(check, const_cast<char* const*>(arguments));
  }
  static const char kMessage[] =
      "StagingTests: a process started through the test's launcher has another value of a "
      "forced variable, and the check program cannot be run to say which: it is ended.\n";
  (void)!write(2, kMessage, sizeof kMessage - 1);
  kill(getpid(), SIGKILL);
  _exit(137);
}

// glibc passes main()'s arguments to constructors.
__attribute__((constructor)) void staging_process_guard(int argc, char** argv, char**) {
  if (!environment_kept()) hand_over(argc, argv);
}

}  // namespace
