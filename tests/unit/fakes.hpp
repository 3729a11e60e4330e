// Test doubles, and the policy of the pytest setup StagingTests implements,
// shared by the unit tests.
#ifndef STAGING_UNIT_FAKES_HPP
#define STAGING_UNIT_FAKES_HPP

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#if defined(_WIN32)
#include <process.h>
#else
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "staging/environment.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"
#include "staging_unit_rule_data.hpp"  // generated from cmake/StagingTestsRules.cmake

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

// An environment as a process holds it: a list of "NAME=value" entries, in
// order, duplicates allowed (execve accepts them). set() and assign() behave
// like setenv and ProcessEnvironment::assign; append() adds a second entry;
// value_bytes() hands out the first entry's value for in-place edits, which
// leave the entry array untouched, as an edit through getenv()'s pointer does.
class FakeEnvironment final : public staging::MutableEnvironment {
 public:
  FakeEnvironment() { rebuild(); }
  FakeEnvironment(std::initializer_list<std::pair<std::string, std::string>> variables) {
    for (const auto& [name, value] : variables) entries_.push_back(name + "=" + value);
    rebuild();
  }
  FakeEnvironment(const FakeEnvironment& other)
      : staging::MutableEnvironment(other), ignore_case(other.ignore_case),
        entries_(other.entries_) {
    rebuild();
  }
  FakeEnvironment& operator=(const FakeEnvironment& other) {
    ignore_case = other.ignore_case;
    entries_ = other.entries_;
    rebuild();
    return *this;
  }

  const char* const* entries() const override { return pointers_.data(); }

  // Windows' rule, for any test on any platform: names ignore ASCII case,
  // and set(), unset(), assign() and count() then treat `environment` as
  // ENVIRONMENT, as the process environment there does.
  bool names_ignore_case() const override { return ignore_case; }
  FakeEnvironment& ignoring_name_case() {
    ignore_case = true;
    return *this;
  }
  bool ignore_case = false;

  // Like setenv(name, value, 1): replaces the first entry, or adds one.
  FakeEnvironment& set(std::string_view name, std::string_view value) {
    const std::string entry = std::string(name) + "=" + std::string(value);
    for (std::string& existing : entries_) {
      if (staging::value_of(existing, name, name_case())) {
        existing = entry;
        rebuild();
        return *this;
      }
    }
    entries_.push_back(entry);
    rebuild();
    return *this;
  }
  // Like unsetenv: removes every entry of the name.
  FakeEnvironment& unset(std::string_view name) {
    std::vector<std::string> kept;
    for (std::string& entry : entries_) {
      if (!staging::value_of(entry, name, name_case())) kept.push_back(std::move(entry));
    }
    entries_.swap(kept);
    rebuild();
    return *this;
  }
  // Adds an entry whatever is there: a second one of the name, or an entry
  // without '='.
  FakeEnvironment& append(std::string_view entry) {
    entries_.emplace_back(entry);
    rebuild();
    return *this;
  }
  FakeEnvironment& append(std::string_view name, std::string_view value) {
    return append(std::string(name) + "=" + std::string(value));
  }
  void assign(std::string_view name, std::string_view value) override {
    unset(name);
    set(name, value);
    ++assignments;
  }

  // The first entry's value, writable in place; null when the name is not set.
  char* value_bytes(std::string_view name) {
    for (std::string& entry : entries_) {
      if (staging::value_of(entry, name, name_case())) return entry.data() + name.size() + 1;
    }
    return nullptr;
  }

  std::optional<std::string> get(std::string_view name) const {
    const std::optional<std::string_view> value = staging::first_value(*this, name);
    if (!value) return std::nullopt;
    return std::string(*value);
  }
  std::size_t count(std::string_view name) const {
    std::size_t found = 0;
    for (const std::string& entry : entries_) {
      found += staging::value_of(entry, name, name_case()) ? 1 : 0;
    }
    return found;
  }
  const std::vector<std::string>& list() const { return entries_; }

  int assignments = 0;

 private:
  staging::NameCase name_case() const {
    return ignore_case ? staging::NameCase::Ignored : staging::NameCase::Exact;
  }

  void rebuild() {
    pointers_.clear();
    for (const std::string& entry : entries_) pointers_.push_back(entry.c_str());
    pointers_.push_back(nullptr);
  }

  std::vector<std::string> entries_;
  std::vector<const char*> pointers_;
};

// Records what it was asked to run instead of running it.
class FakeExec final : public staging::Exec {
 public:
  staging::ExecResult exec(char* const argv[], std::string_view run_dir) const override {
    ++calls;
    received = argv;
    this->run_dir = std::string(run_dir);
    args.clear();
    for (char* const* arg = argv; *arg != nullptr; ++arg) args.emplace_back(*arg);
    return result;
  }

  bool preload(std::string_view library, bool process, bool network, std::string_view check,
               std::string_view test) const override {
    preloaded.push_back(std::string(library) + "|" + (process ? "process" : "") +
                        (network ? "network" : "") + "|" + std::string(check) + "|" +
                        std::string(test));
    preloaded_before_exec = calls == 0;
    return preload_result;
  }

  bool network_guard_available() const override { return network_available; }

  staging::ProgramGuard check_program(std::string_view program) const override {
    checked_programs.emplace_back(program);
    return {program_kind, "/bin/" + std::string(program)};
  }

  staging::ExecResult result{true, 0, 0};
  bool preload_result = true;     // false: the guard cannot be set up
  bool network_available = false;  // the network guard as on a platform without it
  staging::ProgramGuard::Kind program_kind = staging::ProgramGuard::Guardable;
  mutable std::vector<std::string> checked_programs;
  mutable std::vector<std::string> preloaded;  // "library|process|network|check|test"
  mutable bool preloaded_before_exec = false;
  mutable int calls = 0;
  mutable char* const* received = nullptr;
  mutable std::string run_dir;
  mutable std::vector<std::string> args;
};

// main()'s argc/argv, null-terminated, with "staging_tests_check" as argv[0].
class Args {
 public:
  Args(std::initializer_list<std::string> args) : Args(std::vector<std::string>(args)) {}
  explicit Args(std::vector<std::string> args) : storage_{"staging_tests_check"} {
    storage_.insert(storage_.end(), args.begin(), args.end());
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

// What run_mode() returned and wrote.
struct Outcome {
  int code;
  std::string out;
  std::string err;
};

inline Outcome run_args(const staging::Policy& policy, const staging::Environment& environment,
                        Args& args, const staging::Exec& exec) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = staging::run_mode(policy, environment, args.argc(), args.argv(), out, err, exec);
  return {code, out.str(), err.str()};
}

inline Outcome run(const staging::Policy& policy, const staging::Environment& environment,
                   std::vector<std::string> arguments, const staging::Exec& exec = FakeExec{}) {
  Args args(std::move(arguments));
  return run_args(policy, environment, args, exec);
}

// The banner and confirmation of the policy below, with nothing passed
// through set.
inline const std::string kRule(70, '=');
inline const std::string kBanner = kRule + "\n"
    "CTEST CONFIGURATION: Staging Environment Tests\n" + kRule + "\n"
    "Environment: staging\n"
    "Vault: engram-staging-vault\n"
    "AZURE_AI_ENDPOINT: not set\n"
    "AZURE_AI_KEY: not set\n"
    "Network guard: off (NETWORK OFF)\n" + kRule + "\n";
inline const std::string kConfirmation =
    "\n\xe2\x9c\x93 Confirmed: Running tests against STAGING environment\n";

// The table of environments as a refusal of "prod" shows it.
inline const std::string kProdTable =
    "Environments:\n"
    "  Environment  Purpose              Can test?        Data risk\n"
    "  staging      Dedicated testing    YES              Low (test data)\n"
    "  dev          Developer sandboxes  no               Medium\n"
    "  test         Legacy test env      no (deprecated)  High\n"
    "  uat          User acceptance      no               High\n"
    "  prod         Production           no               CRITICAL  <- refused\n";

// The whole refusal of ENVIRONMENT=production.
inline const std::string kProductionRefusal =
    "ERROR: Tests must run against STAGING environment only!\n"
    "Current environment: production\n"
    "Allowed environments: staging\n" +
    kProdTable + "Fix: unset ENVIRONMENT or set it to one of: staging\n";

inline const std::string kVaultRule =
    "Rule: a staging run uses the staging vault only: "
    "AZURE_KEY_VAULT_NAME='engram-staging-vault', "
    "AZURE_KEYVAULT_URL='https://engram-staging-vault.vault.azure.net/'\n";

// The policy of the pytest setup this toolkit implements: staging enforced,
// the engram staging vault forced, the AI endpoint and key passed through.
// Change the fields, then call policy(); the TestPolicy must outlive the
// Policy it returns. The rule data (environment words, secret-name shapes,
// the vault URL) is the toolkit's, generated from its CMake code.
struct TestPolicy {
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
  std::vector<staging::Target> targets{{"vault", "azure-key-vault"}};
  std::vector<staging::TargetVariable> target_variables{
      {"vault", "AZURE_KEY_VAULT_NAME", staging::TargetRole::Name, true, "engram-staging-vault"},
      {"vault", "AZURE_KEYVAULT_URL", staging::TargetRole::Url, true,
       "https://engram-staging-vault.vault.azure.net/"},
  };
  std::vector<staging::TargetField> target_fields;
  std::string_view session_test = "staging_session";
  std::string_view label = "staging";
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
    result.session_test = session_test;
    result.label = label;
    result.id = id;
    result.environment_words = rule_data::kEnvironmentWords;
    result.secret_suffixes = rule_data::kSecretSuffixes;
    result.secret_infixes = rule_data::kSecretInfixes;
    result.targets = targets;
    result.target_variables = target_variables;
    result.target_fields = target_fields;
    // As the configure does: every kind's variable no target gives.
    watched_.clear();
    for (const staging::TargetVariable& variable : rule_data::kWatched) {
      bool given = false;
      for (const staging::TargetVariable& own : target_variables) given |= own.name == variable.name;
      if (!given) watched_.push_back(variable);
    }
    result.watched = watched_;
    return result;
  }

  // The sample policy of tests/unit/CMakeLists.txt: REFUSE AZURE_AI_ENDPOINT
  // MATCHES prod uat, and a forced value that needs escaping.
  static TestPolicy sample() {
    TestPolicy policy;
    policy.forced.push_back({"MEMORY_SERVICE_QUERY", "a=\"b\"\\c"});
    policy.refuse = {{"AZURE_AI_ENDPOINT", "prod"}, {"AZURE_AI_ENDPOINT", "uat"}};
    return policy;
  }

  void without_vault() {
    targets.clear();
    target_variables.clear();
    forced.resize(1);
  }

  // Adds a target: its forced variables to `forced`, the others to
  // `pass_through` (and the secrets to `secrets`), as the configure does.
  void add_target(staging::Target target, std::vector<staging::TargetVariable> variables) {
    targets.push_back(target);
    for (const staging::TargetVariable& variable : variables) {
      target_variables.push_back(variable);
      if (variable.forced) {
        forced.push_back({variable.name, variable.value});
      } else {
        pass_through.push_back(variable.name);
        if (variable.role == staging::TargetRole::Secret) secrets.push_back(variable.name);
      }
    }
  }

  mutable std::vector<staging::TargetVariable> watched_;

  // An environment holding every forced variable, as ctest gives a test.
  FakeEnvironment staged() const {
    FakeEnvironment environment;
    for (const staging::Variable& variable : forced) environment.set(variable.name, variable.value);
    return environment;
  }
};

// A fresh, empty directory per test, removed afterwards.
class TempDirectory {
 public:
  TempDirectory() {
    const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "staging_unit_";
    if (info != nullptr) name += std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    static int made = 0;
    path_ = std::filesystem::temp_directory_path() /
            (name + "_" + std::to_string(process_id()) + "_" + std::to_string(++made));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(std::string_view name) const { return (path_ / name).string(); }
  std::string string() const { return path_.string(); }

 private:
  static long process_id() {
#if defined(_WIN32)
    return static_cast<long>(::_getpid());
#else
    return static_cast<long>(::getpid());
#endif
  }

  std::filesystem::path path_;
};

// Whether `action` returns within `seconds`, run in a child process so that
// a call that blocks (opening a FIFO, say) fails the test instead of hanging
// it. The child's exit status is `action`'s result. Use it with ASSERT_TRUE: the
// same call made in the test process afterwards would block it.
#if !defined(_WIN32)
template <typename Action>
bool finishes_within(Action action, int seconds = 10) {
  std::cout.flush();
  std::cerr.flush();
  const pid_t child = ::fork();
  if (child == 0) ::_exit(action() & 0x7f);
  if (child < 0) return false;
  for (int waited = 0; waited < seconds * 100; ++waited) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) return WIFEXITED(status);
    ::usleep(10000);
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return false;
}
#endif  // !_WIN32 (only the POSIX-only FIFO tests need it)

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

}  // namespace staging_test

#endif  // STAGING_UNIT_FAKES_HPP
