// The preloaded library (LD_PRELOAD), set up by the check program. It holds
// two guards, each switched on by STAGING_TESTS_GUARDS (staging_preload.hpp):
//
// - The process guard, for a test whose command starts with a test launcher
//   or an emulator (TEST_LAUNCHER, CROSSCOMPILING_EMULATOR). The check
//   program runs before the launcher, so the launcher cannot run the test
//   unchecked; this library checks again in every process the launcher
//   starts, the test's own included, so that a launcher cannot change a
//   forced variable for it either. When a forced variable is missing,
//   differs or is given twice, it hands the process over to the check
//   program, which says why with the toolkit's messages and ends it.
// - The network guard (staging_network_guard.cpp), in every staged test.
//
// It runs before main() in processes that are not the toolkit's, so it
// depends on nothing but the C library: the rules are inline functions over
// the compiled policy.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

#include <dlfcn.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "staging/rules_core.hpp"
#include "staging_compiled_policy.hpp"
#include "staging_preload.hpp"

extern "C" char** environ;

namespace staging::preload {

namespace {
State the_state;  // zero-initialised: constant initialisation, no constructor to order
}  // namespace

State& state() noexcept { return the_state; }

}  // namespace staging::preload

namespace {

using staging::preload::Saved;

void save(Saved& saved, const char* value) noexcept {
  if (value == nullptr) return;
  const std::size_t size = std::strlen(value);
  if (size >= sizeof saved.text) return;  // never cut: a cut value is another value
  std::memcpy(saved.text, value, size + 1);
  saved.size = size;
  saved.set = true;
}

void save_variable(Saved& saved, std::string_view name) noexcept {
  char copy[64];
  if (name.size() >= sizeof copy) return;
  std::memcpy(copy, name.data(), name.size());
  copy[name.size()] = '\0';
  save(saved, std::getenv(copy));
}

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
    // The check program must not load this library again, and the
    // library's own execve() would refuse it: it is statically linked.
    unsetenv("LD_PRELOAD");
    syscall(SYS_execve, check, arguments, environ);
  }
  static const char kMessage[] =
      "StagingTests: a process started through the test's launcher has another value of a "
      "forced variable, and the check program cannot be run to say which: it is ended.\n";
  (void)!write(2, kMessage, sizeof kMessage - 1);
  kill(getpid(), SIGKILL);
  _exit(137);
}

// glibc passes main()'s arguments to constructors.
__attribute__((constructor)) void staging_preload_start(int argc, char** argv, char**) {
  namespace preload = staging::preload;
  preload::State& state = preload::state();
  for (const preload::GuardVariable& variable : preload::kGuardVariables) {
    save_variable(state.*variable.saved, variable.name);
  }
  Dl_info self{};
  if (dladdr(reinterpret_cast<void*>(&preload::state), &self) != 0) save(state.library, self.dli_fname);
  const std::string_view guards = state.guards.view();
  state.process_guard = staging::contains_word(guards, "process");
  state.network_guard = staging::contains_word(guards, "network") &&
                        staging::compiled_policy().network.mode != staging::NetworkMode::Off;
  if (state.process_guard && !environment_kept()) hand_over(argc, argv);
}

}  // namespace
