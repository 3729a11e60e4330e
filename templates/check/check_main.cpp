// The check program, staging_tests_check: the compiled policy, the process
// environment and a real exec, handed to run_mode(). Everything that decides
// lives in staging/ so that it is unit-tested without a process.
//
// Built per consumer project with two include directories: templates/check
// (for staging/*.hpp) and the directory holding the configured
// staging_compiled_policy.hpp.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "staging/environment.hpp"
#include "staging/modes.hpp"
#include "staging/rules.hpp"
#include "staging/terminate.hpp"
#include "staging_compiled_policy.hpp"

#ifdef _WIN32
#include <process.h>
#include <stdlib.h>
#else
#include <unistd.h>
#endif

namespace {

class ProcessExec final : public staging::Exec {
 public:
  staging::ExecResult exec(char* const argv[], std::string_view run_dir) const override {
    staging::ExecResult result;
    const std::string name(staging::kRunDirectoryVariable);
    const std::string value(run_dir);
#ifdef _WIN32
    _putenv_s(name.c_str(), value.c_str());
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
    setenv(name.c_str(), value.c_str(), 1);
    // Replacing the process keeps the test's pid, signals and exit status
    // exactly what ctest would see without the wrapper. Like ctest, a bare
    // name is looked for in the working directory before PATH.
    const std::string local = std::string("./") + argv[0];
    if (std::strchr(argv[0], '/') == nullptr && access(local.c_str(), X_OK) == 0) {
      execv(local.c_str(), argv);
    } else {
      execvp(argv[0], argv);
    }
    result.error = errno;
#endif
    return result;
  }

  void preload(std::string_view library, std::string_view check,
               std::string_view test) const override {
#ifndef _WIN32
    std::string value(library);
    if (const char* existing = std::getenv("LD_PRELOAD"); existing != nullptr && *existing) {
      value += ':';
      value += existing;
    }
    setenv("LD_PRELOAD", value.c_str(), 1);
    setenv("STAGING_TESTS_CHECK", std::string(check).c_str(), 1);
    setenv("STAGING_TESTS_TEST", std::string(test).c_str(), 1);
#else
    (void)library;
    (void)check;
    (void)test;
#endif
  }
};

}  // namespace

int main(int argc, char** argv) {
  const staging::ProcessEnvironment environment;
  const ProcessExec exec;
  const int code = staging::run_mode(staging::compiled_policy(), environment, argc, argv,
                                     std::cout, std::cerr, exec);
  if (code == staging::kExitTerminate) staging::end_refused();
  return code;
}
