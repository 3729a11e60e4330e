// Where the checks read variables from. They take an Environment rather than
// calling getenv, so that they are pure functions of what they are given:
// unit tests pass a fake and never mutate the process environment.
//
// An environment is its list of "NAME=value" entries, in order. A process
// can hold two entries of one name (execve allows it): getenv and setenv see
// the first, a shell sees the last. The checks read every entry, so such a
// duplicate is a violation of its own, never half a value.
//
// Windows differs in two ways, both handled here so that the rules above it
// stay one:
// - Names ignore case there: `environment` and `ENVIRONMENT` are one
//   variable, and getenv("ENVIRONMENT") returns whichever entry comes first.
//   An Environment says whether its names ignore (ASCII) case; every lookup
//   honours it, so `ENVIRONMENT=staging` beside `environment=production` is
//   the one name given twice, and refused.
// - The process environment is UTF-16. ProcessEnvironment hands the checks
//   its entries as UTF-8 (utf16.hpp: a lone surrogate survives as its own
//   three bytes, so two different entries never read as one).
#ifndef STAGING_ENVIRONMENT_HPP
#define STAGING_ENVIRONMENT_HPP

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "staging/rules_core.hpp"

#if defined(_WIN32)
#include <deque>
#include <vector>

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <stdlib.h>  // _wputenv_s
#include <windows.h>

#include "staging/utf16.hpp"
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

  // Whether two names that differ only in ASCII letter case are one
  // variable: true for the process environment on Windows.
  virtual bool names_ignore_case() const { return false; }

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
  if (environment.names_ignore_case()) {
    for (const char* const* entry = environment.entries(); *entry != nullptr; ++entry) {
      if (const auto value = value_of(*entry, name, NameCase::Ignored)) return value;
    }
    return std::nullopt;
  }
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

#if defined(_WIN32)
// The process's own environment block (what GetEnvironmentVariableW and
// every child see; _putenv changes it too), read as UTF-8. Each read keeps
// its snapshot alive for the object's lifetime, so a view handed out
// earlier stays valid; a new snapshot is made only when the block changed.
class ProcessEnvironment final : public MutableEnvironment {
 public:
  const char* const* entries() const override {
    wchar_t* const block = GetEnvironmentStringsW();
    std::size_t length = 0;
    if (block != nullptr) {
      while (block[length] != L'\0' || block[length + 1] != L'\0') ++length;
      length = length == 0 && block[0] == L'\0' ? 0 : length + 1;
    }
    const std::wstring raw(block != nullptr ? block : L"", length);
    if (block != nullptr) FreeEnvironmentStringsW(block);
    if (snapshots_.empty() || snapshots_.back().raw != raw) {
      Snapshot& snapshot = snapshots_.emplace_back();
      snapshot.raw = raw;
      for (std::size_t at = 0; at < raw.size();) {
        const std::size_t end = raw.find(L'\0', at);
        const std::size_t stop = end == std::wstring::npos ? raw.size() : end;
        snapshot.text.push_back(utf16_to_utf8(
            std::u16string_view(reinterpret_cast<const char16_t*>(raw.data() + at), stop - at)));
        at = stop + 1;
      }
      for (const std::string& entry : snapshot.text) snapshot.pointers.push_back(entry.c_str());
      snapshot.pointers.push_back(nullptr);
    }
    return snapshots_.back().pointers.data();
  }

  bool names_ignore_case() const override { return true; }

  void assign(std::string_view name, std::string_view value) override {
    const std::wstring wide_name = wide(name);
    const std::wstring wide_value = wide(value);
    // Every entry of the name, whatever its case, in the block and in the C
    // runtime's copy (a block handed over by CreateProcess may hold two).
    for (int removed = 0; removed < 256 && first_value(*this, name).has_value(); ++removed) {
      SetEnvironmentVariableW(wide_name.c_str(), nullptr);
      _wputenv_s(wide_name.c_str(), L"");
    }
    // _wputenv_s sets both; an empty value it would remove instead.
    _wputenv_s(wide_name.c_str(), wide_value.c_str());
    SetEnvironmentVariableW(wide_name.c_str(), wide_value.c_str());
  }

 private:
  static std::wstring wide(std::string_view text) {
    const std::u16string converted = utf8_to_utf16(text);
    return std::wstring(converted.begin(), converted.end());
  }

  struct Snapshot {
    std::wstring raw;
    std::deque<std::string> text;
    std::vector<const char*> pointers;
  };
  mutable std::deque<Snapshot> snapshots_;
};
#else
class ProcessEnvironment final : public MutableEnvironment {
 public:
  const char* const* entries() const override {
    static const char* const kNone[] = {nullptr};
    char** const all = environ;
    return all != nullptr ? all : kNone;  // null after clearenv()
  }

  void assign(std::string_view name, std::string_view value) override {
    const std::string terminated_name(name);
    const std::string terminated_value(value);
    // unsetenv removes every entry of the name; setenv alone would replace
    // only the first, and leave a duplicate behind.
    unsetenv(terminated_name.c_str());
    setenv(terminated_name.c_str(), terminated_value.c_str(), 1);
  }
};
#endif

}  // namespace staging

#endif  // STAGING_ENVIRONMENT_HPP
