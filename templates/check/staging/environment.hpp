// Where the checks read variables from. They take an Environment rather than
// calling getenv, so that they are pure functions of what they are given:
// unit tests pass a fake and never mutate the process environment.
//
// An environment is its list of "NAME=value" entries, in order. A process
// can hold two entries of one name (execve allows it): getenv and setenv see
// the first, a shell sees the last. The checks read every entry, so such a
// duplicate is a violation of its own, never half a value.
#ifndef STAGING_ENVIRONMENT_HPP
#define STAGING_ENVIRONMENT_HPP

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "staging/rules_core.hpp"

#if defined(_WIN32)
#include <stdlib.h>  // _environ
#else
extern "C" char** environ;  // POSIX; declared by no standard header
#endif

namespace staging {

class Environment {
 public:
  virtual ~Environment() = default;

  // The entries, ending with a null pointer; valid until the environment is
  // next modified.
  virtual const char* const* entries() const = 0;

 protected:
  Environment() = default;
  Environment(const Environment&) = default;
  Environment& operator=(const Environment&) = default;
};


// The value getenv would return: the first entry's.
// (The first byte, then strncmp, which stops at the entry's end: no strlen
// of every entry.)
inline std::optional<std::string_view> first_value(const Environment& environment,
                                                   std::string_view name) {
  for (const char* const* entry = environment.entries(); *entry != nullptr; ++entry) {
    const char* const text = *entry;
    if ((name.empty() || text[0] == name[0]) &&
        std::strncmp(text, name.data(), name.size()) == 0 && text[name.size()] == '=') {
      return std::string_view(text + name.size() + 1);
    }
  }
  return std::nullopt;
}

// An environment the in-binary guards can also write: they force the
// policy's variables at start and restore them after a case changed one.
class MutableEnvironment : public Environment {
 public:
  // Leaves exactly one entry named `name`, holding `value`.
  virtual void assign(std::string_view name, std::string_view value) = 0;
};

class ProcessEnvironment final : public MutableEnvironment {
 public:
  const char* const* entries() const override {
    static const char* const kNone[] = {nullptr};
#if defined(_WIN32)
    char** const all = _environ;
#else
    char** const all = environ;
#endif
    return all != nullptr ? all : kNone;  // null after clearenv()
  }

  void assign(std::string_view name, std::string_view value) override {
    const std::string terminated_name(name);
    const std::string terminated_value(value);
#if defined(_WIN32)
    _putenv_s(terminated_name.c_str(), terminated_value.c_str());
#else
    // unsetenv removes every entry of the name; setenv alone would replace
    // only the first, and leave a duplicate behind.
    unsetenv(terminated_name.c_str());
    setenv(terminated_name.c_str(), terminated_value.c_str(), 1);
#endif
  }
};

}  // namespace staging

#endif  // STAGING_ENVIRONMENT_HPP
