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
};

}  // namespace staging

#endif  // STAGING_ENVIRONMENT_HPP
