// The process's one in-binary guard (staging/in_binary_guard.hpp) with the
// build tree's compiled policy, behind guard_api.hpp's C++11 functions.
#include "staging/guard_api.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "staging/environment.hpp"
#include "staging/in_binary_guard.hpp"
#include "staging/messages.hpp"
#include "staging/terminate.hpp"
#include "staging_compiled_policy.hpp"

#if defined(_WIN32)
#include <process.h>
#else
#include <dlfcn.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#if defined(__linux__) && defined(STAGING_PRELOAD_PATH)
#include <fstream>
#include <iterator>
#include <vector>

#include "staging_preload.hpp"
#endif

namespace staging_guard {
namespace {

// Where a guarded process tells the death-test children it starts that they
// are its own: its pid.
constexpr const char* kParentVariable = "STAGING_TESTS_GUARD_PARENT";

struct State {
  staging::ProcessEnvironment environment;
  staging::InBinaryGuard guard{staging::compiled_policy(), environment};
  bool started = false;
  bool child_by_exec = false;  // started by a guarded parent with exec
  long pid = 0;
  std::string current_case;
  bool finished = false;
  bool running = false;  // the cases are about to run (never while only listed)
  staging::RunLayer layer = staging::RunLayer::GoogleTest;
  bool (*silenced)() = nullptr;
};

// Never destroyed: finish() runs from atexit handlers and _exit.
State& state() {
  static State* const instance = new State;
  return *instance;
}

long own_pid() {
#if defined(_WIN32)
  return static_cast<long>(_getpid());
#else
  return static_cast<long>(getpid());
#endif
}

void finish_at_exit() {
  const State& s = state();
  finish(s.silenced != nullptr && s.silenced());
}

[[noreturn]] void end_failed(const std::string& message) {
  std::cerr << message;
  staging::end_refused();
}

#if defined(__linux__) && defined(STAGING_PRELOAD_PATH)
// Under ctest the check program sets up the network guard (or, as the
// policy allows, does not). A binary run by hand gets it here, before its
// cases run: it starts itself again, with the same arguments, with the
// guard's library preloaded.
void guard_network_when_run_by_hand() {
  namespace preload = staging::preload;
  if (staging::compiled_policy().network.mode == staging::NetworkMode::Off) return;
  const std::string run_dir_name(staging::kRunDirectoryVariable);
  const std::string guards_name(preload::kGuardsVariable);
  if (std::getenv(run_dir_name.c_str()) != nullptr) return;
  const char* const guards = std::getenv(guards_name.c_str());
  if (guards != nullptr && staging::contains_word(guards, "network")) return;
  const char* const library = STAGING_PRELOAD_PATH;
  const char* const fix = "Fix: build the project (cmake --build), or run the tests with ctest.\n";
  if (access(library, R_OK) != 0) {
    end_failed(std::string("StagingTests: the network guard's library ") + library +
               " is missing, so this binary's cases cannot run guarded.\n" + fix);
  }
  staging::ExecutableInfo info;
  staging::inspect_executable("/proc/self/exe", info);
  if (info.kind == staging::ExecutableKind::Static || info.secure) {
    end_failed("StagingTests: this binary is statically linked or runs setuid, so the network "
               "guard cannot be loaded into it.\nFix: build it dynamically linked, or run it with "
               "ctest and list it in NETWORK_UNGUARDED_PROGRAMS.\n");
  }
  std::ifstream file("/proc/self/cmdline", std::ios::binary);
  std::string line((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::vector<char*> arguments;
  for (std::size_t at = 0; at < line.size(); at = line.find('\0', at) + 1) {
    arguments.push_back(&line[at]);
    if (line.find('\0', at) == std::string::npos) break;
  }
  if (arguments.empty()) end_failed(std::string("StagingTests: cannot read /proc/self/cmdline.\n") + fix);
  arguments.push_back(nullptr);
  const std::string program(arguments[0]);
  if (!preload::export_guard(info, library, "network",
                             program.substr(program.rfind('/') + 1).c_str(), nullptr)) {
    end_failed(std::string("StagingTests: LD_PRELOAD is too long to add the network guard.\n") + fix);
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  execv("/proc/self/exe", arguments.data());
  end_failed(std::string("StagingTests: cannot start this binary again with the network guard.\n") +
             fix);
}
#endif

}  // namespace

void start(Framework framework, bool (*silenced)()) {
  State& s = state();
  if (s.started) return;
  s.started = true;
  s.silenced = silenced;
  switch (framework) {
    case Framework::GoogleTest:
      s.layer = staging::RunLayer::GoogleTest;
      break;
    case Framework::Catch2:
      s.layer = staging::RunLayer::Catch2;
      break;
    case Framework::Doctest:
      s.layer = staging::RunLayer::Doctest;
      break;
  }
  s.pid = own_pid();
#if !defined(_WIN32)
  const char* parent = std::getenv(kParentVariable);
  s.child_by_exec = parent != nullptr && std::to_string(static_cast<long>(getppid())) == parent;
#endif
  s.guard.start();
  s.environment.assign(kParentVariable, std::to_string(s.pid));
  std::atexit(&finish_at_exit);
#if !defined(__MINGW32__) || defined(_UCRT)
  // MinGW-w64 on the old msvcrt.dll has no quick_exit at all, so nothing
  // to catch there.
  std::at_quick_exit(&finish_at_exit);
#endif
}

void refuse_if_refused() {
  State& s = state();
  if (!s.guard.refusal().empty()) end_failed(s.guard.refusal());
#if defined(__linux__) && defined(STAGING_PRELOAD_PATH)
  if (!in_death_test_child()) guard_network_when_run_by_hand();
#endif
  s.running = true;
}

std::string check(const std::string& case_name, Phase phase) {
  return state().guard.check(case_name, phase == Phase::BeforeCase
                                             ? staging::GuardPhase::BeforeTest
                                             : staging::GuardPhase::AfterTest);
}

void record(const std::string& case_name, bool ok) {
  State& s = state();
  s.guard.record(case_name, ok, s.layer);
}

void set_current_case(const std::string& case_name) { state().current_case = case_name; }

bool in_death_test_child() {
  const State& s = state();
  return s.started && (s.child_by_exec || own_pid() != s.pid);
}

void finish(bool silenced) {
  State& s = state();
  if (!s.started || s.finished || in_death_test_child()) return;
  s.finished = true;
  if (silenced) {
    std::ostringstream message;
    staging::write_silenced_guard(message);
    end_failed(message.str());
  }
  // Listing the cases runs none: the caller's own values (a REFUSE match,
  // say) are judged when the cases are about to run, and listing must work
  // in any shell.
  if (!s.running) return;
  const std::string name = s.current_case.empty() ? std::string("(no case running)") : s.current_case;
  const std::string changed = s.guard.check(name, staging::GuardPhase::AtExit);
  if (!changed.empty()) {
    // A case that ends the process never reaches the framework's end of
    // case: the run record learns of it here, or the checklist would count
    // one refusal fewer than there were.
    s.guard.record(name, false, s.layer);
    end_failed(changed);
  }
  if (s.guard.violated()) {
    end_failed("StagingTests: a case failed the staging policy (see above), so the test "
               "program fails whatever it returned.\n");
  }
}

}  // namespace staging_guard

#if defined(__linux__)
// A case that changes a forced variable and then ends the process with
// _exit or _Exit skips every atexit handler. These weak definitions take
// those calls from the test binary's own code (a static libc keeps its own,
// stronger ones), check once more, and hand over to the real function.
namespace {
using ExitFunction = void (*)(int);

[[noreturn]] void real_exit(const char* name, int status) {
  if (void* next = dlsym(RTLD_NEXT, name)) {
    reinterpret_cast<ExitFunction>(next)(status);
  }
  syscall(SYS_exit_group, status);
  for (;;) {
  }
}
}  // namespace

extern "C" __attribute__((weak, noreturn)) void _exit(int status) {
  staging_guard::finish(false);
  real_exit("_exit", status);
}

extern "C" __attribute__((weak, noreturn)) void _Exit(int status) {
  staging_guard::finish(false);
  real_exit("_Exit", status);
}
#endif
