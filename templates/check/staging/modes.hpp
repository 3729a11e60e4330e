// The check program's modes, as one function of its inputs so that unit tests
// drive it with a fake environment and a fake exec:
//
//   staging_tests_check guard --policy-id <id>
//       Run by the ctest-time guard when ctest loads the suite, with the
//       caller's own environment. Judges what the caller brought and prints
//       the banner to `err` (stdout must stay clean for
//       `ctest --show-only=json-v1`). Exit 0 or kExitRefused.
//   staging_tests_check session --run-dir <dir>
//       The session test every staging test requires: judges the caller's
//       ENVIRONMENT again, checks the forced variables, creates the run
//       directory, prints the banner and the confirmation to `out`, and
//       leaves the stamp the staging tests look for.
//   staging_tests_check run --run-dir <dir> --test <name> [--outside] -- <command> [<arg>...]
//       Wraps one test (the guard rewrote its command so when ctest loaded
//       it): checks the forced variables and, unless --outside (a test left
//       out of the staging suite), that the session passed; records the
//       check; then replaces itself with the command. On the per-test path,
//       so it prints nothing unless it refuses.
//       With --preload <library> (a test started through a launcher or an
//       emulator), the library is preloaded into the command so that every
//       process the launcher starts is checked again (staging_preload.cpp).
//   staging_tests_check checklist --run-dir <dir>
//       The cleanup test: what this invocation checked, from the run record.
//       It fails when a check refused a test or the record was tampered
//       with, so that its summary is shown (--output-on-failure).
//   staging_tests_check process --run-dir <dir> --test <name> -- <program>
//       Internal: the preloaded library hands a process over to this mode
//       when it found a forced variable changed. It says why and refuses.
//   staging_tests_check doctor [--json] [--listing <file>|-] [--data <file>] ...
//       Explains the policy, the suite ctest lists and what this
//       environment would get, without running anything (doctor.hpp). Exit
//       0 or kExitRefused. While STAGING_TESTS_DOCTOR_LISTING is set (the
//       doctor's listing of the suite), run, session and checklist refuse.
//
// A refusal of a test (run, session) returns kExitTerminate: main() then
// ends the process by a signal, which ctest reports as a failure whatever
// the test's SKIP_RETURN_CODE, SKIP_REGULAR_EXPRESSION, WILL_FAIL or
// PASS_REGULAR_EXPRESSION say.
#ifndef STAGING_MODES_HPP
#define STAGING_MODES_HPP

#include <ostream>
#include <string>
#include <string_view>

#include "staging/environment.hpp"
#include "staging/policy.hpp"

namespace staging {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;     // guard: the caller is refused
inline constexpr int kExitUsage = 2;       // guard, checklist: bad arguments
inline constexpr int kExitStalePolicy = 3; // guard: the suite needs a rebuild
inline constexpr int kExitTerminate = -1;  // run, session: end by a signal

struct ExecResult {
  bool started = false;  // false: `error` says why
  int exit_code = 0;     // when started and the platform waits for the child
  int error = 0;         // an errno value
};

// Whether a program can carry the network guard: the loader does not
// preload a library into a statically linked program, nor into one it runs
// in secure mode (setuid, setgid, file capabilities); and the guard needs
// its library.
struct ProgramGuard {
  enum Kind { Guardable, Static, Secure, NoLibrary, PreloadTooLong } kind = Guardable;
  std::string path;  // the program's file, or the missing library's
};

// Replaces or runs the test command. On POSIX a successful exec never
// returns, so only failures come back; on Windows the child is waited for.
class Exec {
 public:
  virtual ~Exec() = default;

  // `argv` is the command and its arguments, terminated by a null pointer.
  // `run_dir` is exported as STAGING_TESTS_RUN_DIR for in-binary guards.
  virtual ExecResult exec(char* const argv[], std::string_view run_dir) const = 0;

  // Whether this platform has the network guard (a preloaded library of the
  // ELF dynamic loader: Linux).
  virtual bool network_guard_available() const { return false; }

  // Before the network guard is set up: whether the program exec() will run
  // (`program` as given, found as exec() would) can carry it.
  virtual ProgramGuard check_program(std::string_view program) const {
    return {ProgramGuard::Guardable, std::string(program)};
  }

  // Before exec(): preload the library into the command and every process
  // it starts, with the process guard (`library`, a test started through a
  // launcher) and the network guard (the library beside the check program)
  // switched on as asked, and tell the library where the check program
  // (`check`) is and which test it guards. False when it cannot (the
  // caller's LD_PRELOAD leaves no room): the test must not run unguarded.
  virtual bool preload(std::string_view library, bool process, bool network,
                       std::string_view check, std::string_view test) const {
    (void)library;
    (void)process;
    (void)network;
    (void)check;
    (void)test;
    return true;
  }

 protected:
  Exec() = default;
  Exec(const Exec&) = default;
  Exec& operator=(const Exec&) = default;
};

// `argv` is main()'s: argv[0] is the program, argv[argc] is a null pointer.
int run_mode(const Policy& policy, const Environment& environment, int argc, char** argv,
             std::ostream& out, std::ostream& err, const Exec& exec);

}  // namespace staging

#endif  // STAGING_MODES_HPP
