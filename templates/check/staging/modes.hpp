// The check program's modes, as one function of its inputs so that unit tests
// drive it with a fake environment and a fake exec:
//
//   staging_tests_check guard --policy-id <id>
//       Run by the script ctest includes when it loads the suite, with the
//       caller's own environment. Decides on the caller's ENVIRONMENT and
//       prints the banner to `err` (stdout must stay clean for
//       `ctest --show-only=json-v1`).
//   staging_tests_check session
//       The setup fixture every staging test requires: decides on the
//       caller's ENVIRONMENT, checks the forced variables, prints the banner
//       and the confirmation to `out`.
//   staging_tests_check run <test-name> -- <command> [<arg>...]
//       Wraps one test: checks the forced variables, then execs the command.
//       On the per-test path, so it prints nothing and allocates nothing
//       unless it refuses.
//
// A refusal is always exit code 1 and never a skip: the CMake side refuses
// SKIP_RETURN_CODE 1 on staging tests.
#ifndef STAGING_MODES_HPP
#define STAGING_MODES_HPP

#include <ostream>

#include "staging/environment.hpp"
#include "staging/policy.hpp"

namespace staging {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitStalePolicy = 3;
inline constexpr int kExitCannotRun = 127;  // what shells use for "command not found"

struct ExecResult {
  bool started = false;  // false: `error` says why
  int exit_code = 0;     // when started and the platform waits for the child
  int error = 0;         // an errno value
};

// Replaces or runs the test command. On POSIX a successful exec never
// returns, so only failures come back; on Windows the child is waited for.
class Exec {
 public:
  virtual ~Exec() = default;

  // `argv` is the command and its arguments, terminated by a null pointer.
  virtual ExecResult exec(char* const argv[]) const = 0;

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
