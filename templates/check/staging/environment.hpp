// Where the check reads variables from. The checks take an Environment rather
// than calling getenv so that they are pure functions of what they are given:
// unit tests pass a fake and never mutate the process environment.
#ifndef STAGING_ENVIRONMENT_HPP
#define STAGING_ENVIRONMENT_HPP

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if !defined(_WIN32)
extern "C" char** environ;  // POSIX; declared by no standard header
#endif

namespace staging {

class Environment {
 public:
  virtual ~Environment() = default;

  // The view stays valid until the environment is next modified.
  virtual std::optional<std::string_view> get(std::string_view name) const = 0;

 protected:
  Environment() = default;
  Environment(const Environment&) = default;
  Environment& operator=(const Environment&) = default;
};

// An environment the GoogleTest guard can also write: it forces the policy's
// variables at start and restores them after a test changed one.
class MutableEnvironment : public Environment {
 public:
  virtual void assign(std::string_view name, std::string_view value) = 0;

  // The GoogleTest guard checks before and after every test; these let it
  // skip a full check when nothing can have changed. remember() notes the
  // environment as it is, watching the variables `names`; unchanged() is
  // true only if no variable was set, unset or replaced since and no watched
  // variable was edited in place, name or value. An environment that cannot
  // tell cheaply keeps these defaults, and every check is a full one.
  virtual void remember(const std::vector<std::string_view>& names) { (void)names; }
  virtual bool unchanged() const { return false; }
};

class ProcessEnvironment final : public MutableEnvironment {
 public:
  void assign(std::string_view name, std::string_view value) override {
    const std::string terminated_name(name);
    const std::string terminated_value(value);
#ifdef _WIN32
    _putenv_s(terminated_name.c_str(), terminated_value.c_str());
#else
    setenv(terminated_name.c_str(), terminated_value.c_str(), 1);
#endif
  }

#if !defined(_WIN32)
  // The snapshot is environ's address, its entry pointers (setenv, putenv
  // and unsetenv all change those) and a copy of each watched entry,
  // "NAME=value" (an in-place edit changes only the bytes, of the value or of
  // the name). A watched name that is unset is caught by the entry pointers
  // when something sets it.
  void remember(const std::vector<std::string_view>& names) override {
    remembered_ = false;
    if (environ == nullptr) return;  // after clearenv()
    array_ = environ;
    entries_.clear();
    for (char** entry = environ; *entry != nullptr; ++entry) entries_.push_back(*entry);
    watched_.clear();
    for (std::string_view name : names) {
      const std::optional<std::string_view> value = get(name);
      if (!value) continue;
      // getenv's value follows "NAME=" in the entry it found.
      const char* const entry = value->data() - name.size() - 1;
      watched_.emplace_back(entry, std::string(entry, name.size() + 1 + value->size()));
    }
    remembered_ = true;
  }

  // Runs before and after every test, so it is a plain comparison loop and
  // a memcmp per watched entry: no getenv, no allocation.
  bool unchanged() const override {
    char** const live = environ;
    if (!remembered_ || live == nullptr || live != array_) return false;
    const char* const* const snapshot = entries_.data();
    const std::size_t count = entries_.size();
    // live[i] is read only once live[0..i) matched the snapshot, which holds
    // no null: the live array has not ended before i, whatever it became.
    // Hence no memcmp, which may read ahead; four at a time with ||, which
    // does not, to spend less on the loop itself.
    std::size_t i = 0;
    for (; i + 4 <= count; i += 4) {
      if (live[i] != snapshot[i] || live[i + 1] != snapshot[i + 1] ||
          live[i + 2] != snapshot[i + 2] || live[i + 3] != snapshot[i + 3]) {
        return false;
      }
    }
    for (; i < count; ++i) {
      if (live[i] != snapshot[i]) return false;
    }
    if (live[count] != nullptr) return false;
    // Entries unchanged, so each watched entry is still in the array and as
    // long as it was: the bytes compared (terminator included) are its own.
    for (const auto& [entry, copy] : watched_) {
      if (std::memcmp(entry, copy.c_str(), copy.size() + 1) != 0) return false;
    }
    return true;
  }
#endif

  std::optional<std::string_view> get(std::string_view name) const override {
    // getenv wants a terminated string; policy names are short, so the
    // per-test path copies them to the stack instead of allocating.
    char buffer[256];
    if (name.size() < sizeof buffer) {
      std::memcpy(buffer, name.data(), name.size());
      buffer[name.size()] = '\0';
      return wrap(std::getenv(buffer));
    }
    return wrap(std::getenv(std::string(name).c_str()));
  }

 private:
  static std::optional<std::string_view> wrap(const char* value) {
    if (value == nullptr) return std::nullopt;
    return std::string_view(value);
  }

#if !defined(_WIN32)
  bool remembered_ = false;
  char** array_ = nullptr;
  std::vector<const char*> entries_;
  std::vector<std::pair<const char*, std::string>> watched_;  // entry, "NAME=value"
#endif
};

}  // namespace staging

#endif  // STAGING_ENVIRONMENT_HPP
