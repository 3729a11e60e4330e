// The check program, staging_tests_check: the compiled policy, the process
// environment and a real exec, handed to run_mode(). Everything that decides
// lives in staging/ so that it is unit-tested without a process.
//
// Built per consumer project with two include directories: templates/check
// (for staging/*.hpp) and the directory holding the configured
// staging_compiled_policy.hpp.
#include <cerrno>
#include <cstdint>
#include <iostream>

#include "staging/environment.hpp"
#include "staging/modes.hpp"
#include "staging_compiled_policy.hpp"

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

namespace {

class ProcessExec final : public staging::Exec {
 public:
  staging::ExecResult exec(char* const argv[]) const override {
    staging::ExecResult result;
#ifdef _WIN32
    // Windows has no exec that keeps the process: run the test as a child
    // and hand its exit code to ctest. _spawnvp does not quote arguments, so
    // an argument holding a space arrives split.
    const intptr_t code = _spawnvp(_P_WAIT, argv[0], argv);
    if (code == -1) {
      result.error = errno;
      return result;
    }
    result.started = true;
    result.exit_code = static_cast<int>(code);
#else
    // Replacing the process keeps the test's pid, signals and exit status
    // exactly what ctest would see without the wrapper.
    execvp(argv[0], argv);
    result.error = errno;
#endif
    return result;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const staging::ProcessEnvironment environment;
  const ProcessExec exec;
  return staging::run_mode(staging::compiled_policy(), environment, argc, argv, std::cout,
                           std::cerr, exec);
}
