// Test doubles and a seed-shaped policy shared by the unit tests.
#ifndef STAGING_UNIT_FAKES_HPP
#define STAGING_UNIT_FAKES_HPP

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "staging/environment.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"

namespace staging_test {

// gtest_discover_tests marks a test Skipped when its output matches GoogleTest's
// skip marker, a failing test included: an assertion that printed the marker
// would pass silently. So tests never spell it in their source (gtest prints
// the failing expression) and compare text that may hold it through defused().
inline const std::string kSkipMarker = std::string("[ ") + " SKIPPED ]";

// Injective, and free of '[': backslash doubled, '[' as "\(".
inline std::string defused(std::string_view text) {
  std::string result;
  for (char c : text) {
    if (c == '\\') {
      result += "\\\\";
    } else if (c == '[') {
      result += "\\(";
    } else {
      result += c;
    }
  }
  return result;
}

class FakeEnvironment final : public staging::MutableEnvironment {
 public:
  FakeEnvironment() = default;
  FakeEnvironment(std::initializer_list<std::pair<const std::string, std::string>> variables)
      : variables_(variables) {}

  FakeEnvironment& set(const std::string& name, const std::string& value) {
    variables_[name] = value;
    return *this;
  }
  FakeEnvironment& unset(const std::string& name) {
    variables_.erase(name);
    return *this;
  }
  void assign(std::string_view name, std::string_view value) override {
    variables_[std::string(name)] = std::string(value);
  }
  std::optional<std::string_view> get(std::string_view name) const override {
    const auto found = variables_.find(name);
    if (found == variables_.end()) return std::nullopt;
    return std::string_view(found->second);
  }

 private:
  std::map<std::string, std::string, std::less<>> variables_;
};

// Forwards to another environment and counts the variables read: shows
// whether the GoogleTest guard ran a full check or took its fast path.
class CountingEnvironment final : public staging::MutableEnvironment {
 public:
  explicit CountingEnvironment(staging::MutableEnvironment& inner) : inner_(inner) {}

  std::optional<std::string_view> get(std::string_view name) const override {
    ++reads;
    return inner_.get(name);
  }
  void assign(std::string_view name, std::string_view value) override {
    inner_.assign(name, value);
  }
  void remember(const std::vector<std::string_view>& names) override { inner_.remember(names); }
  bool unchanged() const override { return inner_.unchanged(); }

  mutable int reads = 0;

 private:
  staging::MutableEnvironment& inner_;
};

// Records what it was asked to run instead of running it.
class FakeExec final : public staging::Exec {
 public:
  staging::ExecResult exec(char* const argv[]) const override {
    ++calls;
    received = argv;
    args.clear();
    for (char* const* arg = argv; *arg != nullptr; ++arg) args.emplace_back(*arg);
    return result;
  }

  staging::ExecResult result{true, 0, 0};
  mutable int calls = 0;
  mutable char* const* received = nullptr;
  mutable std::vector<std::string> args;
};

// main()'s argc/argv, null-terminated, with "staging_tests_check" as argv[0].
class Args {
 public:
  Args(std::initializer_list<std::string> args) : storage_{"staging_tests_check"} {
    storage_.insert(storage_.end(), args);
    for (std::string& arg : storage_) pointers_.push_back(arg.data());
    pointers_.push_back(nullptr);
  }
  Args(const Args&) = delete;
  Args& operator=(const Args&) = delete;

  int argc() const { return static_cast<int>(storage_.size()); }
  char** argv() { return pointers_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<char*> pointers_;
};

// The seed's banner and confirmation, for the seed's policy with nothing
// passed through set.
inline const std::string kRule(70, '=');
inline const std::string kSeedBanner = kRule + "\n"
    "CTEST CONFIGURATION: Staging Environment Tests\n" + kRule + "\n"
    "Environment: staging\n"
    "Vault: engram-staging-vault\n"
    "AZURE_AI_ENDPOINT: not set\n"
    "AZURE_AI_KEY: not set\n" + kRule + "\n";
inline const std::string kConfirmation =
    "\n\xe2\x9c\x93 Confirmed: Running tests against STAGING environment\n";

// The seed's table of environments as a refusal of "prod" shows it.
inline const std::string kProdTable =
    "Environments:\n"
    "  Environment  Purpose              Can test?        Data risk\n"
    "  staging      Dedicated testing    YES              Low (test data)\n"
    "  dev          Developer sandboxes  no               Medium\n"
    "  test         Legacy test env      no (deprecated)  High\n"
    "  uat          User acceptance      no               High\n"
    "  prod         Production           no               CRITICAL  <- refused\n";

// The whole refusal of ENVIRONMENT=production under the seed's policy.
inline const std::string kProductionRefusal =
    "ERROR: Tests must run against STAGING environment only!\n"
    "Current environment: production\n"
    "Allowed environments: staging\n" +
    kProdTable + "Fix: unset ENVIRONMENT or set it to one of: staging\n";

// The seed's policy. Change the fields, then call policy(); the storage must
// outlive the Policy it returns.
struct SeedPolicy {
  std::string_view enforced = "staging";
  std::vector<std::string_view> allowed{"staging"};
  std::vector<staging::Variable> forced{
      {"ENVIRONMENT", "staging"},
      {"AZURE_KEY_VAULT_NAME", "engram-staging-vault"},
      {"AZURE_KEYVAULT_URL", "https://engram-staging-vault.vault.azure.net/"},
  };
  std::vector<std::string_view> pass_through{"AZURE_AI_ENDPOINT", "AZURE_AI_KEY"};
  std::vector<std::string_view> secrets;
  std::vector<staging::RefuseRule> refuse;
  staging::OnMismatch on_mismatch = staging::OnMismatch::Fail;
  std::string_view vault_name = "engram-staging-vault";
  std::string_view vault_url = "https://engram-staging-vault.vault.azure.net/";
  std::string_view id = "policy-1234";

  staging::Policy policy() const {
    staging::Policy result;
    result.enforced = enforced;
    result.allowed = allowed;
    result.forced = forced;
    result.pass_through = pass_through;
    result.secrets = secrets;
    result.refuse = refuse;
    result.on_mismatch = on_mismatch;
    result.vault_name = vault_name;
    result.vault_url = vault_url;
    result.id = id;
    return result;
  }

  void without_vault() {
    vault_name = {};
    vault_url = {};
    forced.resize(1);
  }

  // An environment holding every forced variable, as ctest gives a test.
  FakeEnvironment staged() const {
    FakeEnvironment environment;
    for (const staging::Variable& variable : forced) {
      environment.set(std::string(variable.name), std::string(variable.value));
    }
    return environment;
  }
};

}  // namespace staging_test

#endif  // STAGING_UNIT_FAKES_HPP
