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

#ifndef _WIN32
#include "staging/executable.hpp"
#include "staging_preload.hpp"
#endif

#ifndef STAGING_PRELOAD_NAME
#define STAGING_PRELOAD_NAME "libstaging_tests_preload.so"
#endif

#ifdef _WIN32
#include <process.h>
#include <shellapi.h>  // CommandLineToArgvW
#include <stdlib.h>

#include <vector>

#include "staging/command_line.hpp"
#include "staging/utf16.hpp"
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
    staging::ProcessEnvironment().assign(name, value);
    // Windows has no exec that keeps the process: run the test as a child
    // and hand its exit code to ctest, a crash's NTSTATUS included.
    // _wspawnvp looks the program up as exec does here (as given, then
    // PATH; .com, .exe, .bat, .cmd tried) but joins the arguments with bare
    // spaces, so each is quoted for the child's runtime to split back.
    const std::wstring program = wide(argv[0]);
    std::vector<std::wstring> quoted;
    for (char* const* argument = argv; *argument != nullptr; ++argument) {
      quoted.push_back(wide(staging::quote_windows_argument(*argument)));
    }
    std::vector<const wchar_t*> pointers;
    for (const std::wstring& argument : quoted) pointers.push_back(argument.c_str());
    pointers.push_back(nullptr);
    errno = 0;
    const intptr_t code = _wspawnvp(_P_WAIT, program.c_str(), pointers.data());
    if (code == -1 && errno != 0) {
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

#if defined(__linux__)
  bool network_guard_available() const override { return true; }

  staging::ProgramGuard check_program(std::string_view program) const override {
    library_ = network_library();
    if (access(library_.c_str(), R_OK) != 0) return {staging::ProgramGuard::NoLibrary, library_};
    // Found as exec() will find it (see exec() above: the working
    // directory first for a bare name, as ctest does).
    std::string name(program);
    char path[4096];
    const std::string local = "./" + name;
    if (name.find('/') == std::string::npos && access(local.c_str(), X_OK) == 0) {
      name = local;
    } else if (staging::find_program(name.c_str(), std::getenv("PATH"), path, sizeof path)) {
      name = path;
    }
    staging::inspect_executable(name.c_str(), program_);
    if (program_.kind == staging::ExecutableKind::Static) return {staging::ProgramGuard::Static, name};
    if (program_.secure) return {staging::ProgramGuard::Secure, name};
    return {staging::ProgramGuard::Guardable, name};
  }
#endif

  bool preload(std::string_view library, bool process, bool network, std::string_view check,
               std::string_view test) const override {
#ifndef _WIN32
    // One library holds both guards; the process guard's path comes from the
    // ctest-time guard, the network guard's is the check program's sibling.
    const std::string chosen =
        !library.empty() ? std::string(library) : !library_.empty() ? library_ : network_library();
    const char* const guards = process && network ? "process network" : process ? "process" : "network";
    return staging::preload::export_guard(program_, chosen, guards, std::string(test).c_str(),
                                          std::string(check).c_str());
#else
    (void)library;
    (void)process;
    (void)network;
    (void)check;
    (void)test;
    return true;
#endif
  }

 private:
#ifdef _WIN32
  static std::wstring wide(std::string_view text) {
    const std::u16string converted = staging::utf8_to_utf16(text);
    return std::wstring(converted.begin(), converted.end());
  }
#endif

#if defined(__linux__)
  // The library is built beside the check program.
  static std::string network_library() {
    char self[4096];
    const ssize_t size = readlink("/proc/self/exe", self, sizeof self - 1);
    std::string directory = size > 0 ? std::string(self, static_cast<std::size_t>(size)) : "";
    directory = directory.substr(0, directory.rfind('/') + 1);
    return directory + STAGING_PRELOAD_NAME;
  }
#else
  static std::string network_library() { return {}; }
#endif

#ifndef _WIN32
  // What check_program() found: the program, for the sanitizer runtimes
  // preload() puts first, and the library, found once per test.
  mutable staging::ExecutableInfo program_;
  mutable std::string library_;
#endif
};

}  // namespace

int main(int argc, char** argv) {
  const staging::ProcessEnvironment environment;
  const ProcessExec exec;
#ifdef _WIN32
  // main()'s argv is in the ANSI code page, which loses what it cannot
  // spell: the arguments come from the UTF-16 command line instead.
  std::vector<std::string> arguments;
  int count = 0;
  if (wchar_t** const wide = CommandLineToArgvW(GetCommandLineW(), &count)) {
    for (int i = 0; i < count; ++i) {
      arguments.push_back(staging::utf16_to_utf8(
          std::u16string_view(reinterpret_cast<const char16_t*>(wide[i]), std::wcslen(wide[i]))));
    }
    LocalFree(wide);
  }
  std::vector<char*> pointers;
  for (std::string& argument : arguments) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  if (!arguments.empty()) {
    argc = count;
    argv = pointers.data();
  }
#endif
  const int code = staging::run_mode(staging::compiled_policy(), environment, argc, argv,
                                     std::cout, std::cerr, exec);
  if (code == staging::kExitTerminate) staging::end_refused();
  return code;
}
