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
  // environment as it is, watching the values of `names`; unchanged() is
  // true only if no variable was set, unset or replaced since and no watched
  // value was edited in place. An environment that cannot tell cheaply keeps
  // these defaults, and every check is a full one.
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
  // and unsetenv all change those) and a copy of each watched value (an
  // in-place edit changes only the bytes).
  void remember(const std::vector<std::string_view>& names) override {
    remembered_ = false;
    if (environ == nullptr) return;  // after clearenv()
    array_ = environ;
    entries_.clear();
    for (char** entry = environ; *entry != nullptr; ++entry) entries_.push_back(*entry);
    values_.clear();
    for (std::string_view name : names) {
      const std::optional<std::string_view> value = get(name);
      if (value) values_.emplace_back(value->data(), std::string(*value));
    }
    remembered_ = true;
  }

  bool unchanged() const override {
    if (!remembered_ || environ == nullptr || environ != array_) return false;
    std::size_t i = 0;
    for (char** entry = environ; *entry != nullptr; ++entry, ++i) {
      if (i == entries_.size() || entries_[i] != *entry) return false;
    }
    if (i != entries_.size()) return false;
    for (const auto& [where, value] : values_) {
      if (std::strncmp(where, value.c_str(), value.size() + 1) != 0) return false;
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
  std::vector<std::pair<const char*, std::string>> values_;
#endif
};

}  // namespace staging

#endif  // STAGING_ENVIRONMENT_HPP
