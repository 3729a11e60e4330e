// What the two halves of the preloaded library share: the process guard
// (staging_preload.cpp) and the network guard (staging_network_guard.cpp).
// C library only, like both of them.
#ifndef STAGING_PRELOAD_HPP
#define STAGING_PRELOAD_HPP

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "staging/executable.hpp"
#include "staging/rules_core.hpp"

namespace staging::preload {

using staging::ExecutableInfo;

// The variables the check program sets for the library (check_main.cpp),
// saved when the library loads: a test that empties its environment before
// it starts a child must not take the guard away from the child.
//   STAGING_TESTS_GUARDS   "process", "network" or "process network"
//   STAGING_TESTS_TEST     the test's name, for messages and the run record
//   STAGING_TESTS_RUN_DIR  the run record's directory
//   STAGING_TESTS_CHECK    the check program, for the process guard's hand-over
inline constexpr std::string_view kGuardsVariable = "STAGING_TESTS_GUARDS";
inline constexpr std::string_view kTestVariable = "STAGING_TESTS_TEST";
inline constexpr std::string_view kCheckVariable = "STAGING_TESTS_CHECK";

struct Saved {
  char text[4096];
  std::size_t size;
  bool set;
  std::string_view view() const noexcept { return {text, size}; }
};

struct State {
  bool process_guard;
  bool network_guard;
  Saved guards;
  Saved test;
  Saved run_dir;
  Saved check;
  Saved library;  // this library's own path, from dladdr()
};

// A sanitizer runtime (gcc's shared libasan and the like) insists on being
// the first library the loader maps.
constexpr bool is_sanitizer_runtime(std::string_view item) noexcept {
  const std::size_t slash = item.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? item : std::string_view(item.data() + slash + 1, item.size() - slash - 1);
  for (std::string_view prefix :
       {"libasan.", "libhwasan.", "libtsan.", "liblsan.", "libubsan.", "libclang_rt."}) {
    if (base.size() >= prefix.size() && std::string_view(base.data(), prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

// The LD_PRELOAD value that carries the guard into the program `info`
// describes: the sanitizer runtimes it needs, then `library`, then the
// items of `existing` that are neither (a sanitizer runtime a parent needed
// is dropped, so that it does not start in a program built without it).
// Items are separated by ':' (the loader also takes spaces). Writes into
// `out`, NUL-terminated; returns the length, 0 when it does not fit.
inline std::size_t compose_ld_preload(std::string_view existing,
                                      const ExecutableInfo& info, std::string_view library,
                                      char* out, std::size_t capacity) noexcept {
  std::size_t size = 0;
  bool fits = true;
  const auto add = [&](std::string_view item) {
    if (item.empty()) return;
    if (size + item.size() + 2 > capacity) {
      fits = false;
      return;
    }
    if (size > 0) out[size++] = ':';
    std::memcpy(out + size, item.data(), item.size());
    size += item.size();
  };
  for (std::size_t i = 0; i < info.sanitizer_count; ++i) add(info.sanitizer_runtimes[i]);
  add(library);
  while (!existing.empty()) {
    std::size_t end = 0;
    while (end < existing.size() && existing[end] != ':' && existing[end] != ' ') ++end;
    const std::string_view item(existing.data(), end);
    existing.remove_prefix(end < existing.size() ? end + 1 : end);
    if (item != library && !is_sanitizer_runtime(item)) add(item);
  }
  if (!fits || capacity == 0) return 0;
  out[size] = '\0';
  return size;
}

// Before an exec of a program `info` describes: sets the variables that
// load `library` into it with `guards` switched on, for `test`, and, when
// given, the check program's path for the process guard. False, with
// nothing set, when LD_PRELOAD would not fit. (The check program and the
// in-binary guards call it; the library itself keeps its saved copies.)
inline bool export_guard(const ExecutableInfo& info, std::string_view library,
                         const char* guards, const char* test, const char* check) noexcept {
  const char* const existing = std::getenv("LD_PRELOAD");
  char value[8192];
  if (compose_ld_preload(existing != nullptr ? existing : "", info, library, value,
                         sizeof value) == 0) {
    return false;
  }
  setenv("LD_PRELOAD", value, 1);
  setenv(kGuardsVariable.data(), guards, 1);
  setenv(kTestVariable.data(), test, 1);
  if (check != nullptr) setenv(kCheckVariable.data(), check, 1);
  return true;
}

// Filled by the library's constructor before anything else of it runs.
State& state() noexcept;

// The guard's variables and where the constructor saves each: the one list
// for saving them and for putting them back into a child's environment.
// The names are NUL-terminated literals, usable as C strings.
struct GuardVariable {
  std::string_view name;
  Saved State::*saved;
};
inline constexpr GuardVariable kGuardVariables[] = {
    {kGuardsVariable, &State::guards},
    {kTestVariable, &State::test},
    {kRunDirectoryVariable, &State::run_dir},
    {kCheckVariable, &State::check},
};


}  // namespace staging::preload

#endif  // STAGING_PRELOAD_HPP
