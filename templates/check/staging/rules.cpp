#include "staging/rules.hpp"

#include <array>

namespace staging {
namespace {

constexpr bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

constexpr bool is_ascii_alphanumeric(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ends_with_ignoring_ascii_case(std::string_view text, std::string_view suffix) noexcept {
  return text.size() >= suffix.size() &&
         equals_ignoring_ascii_case(text.substr(text.size() - suffix.size()), suffix);
}

bool contains_ignoring_ascii_case(std::string_view text, std::string_view part) noexcept {
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i) {
    if (equals_ignoring_ascii_case(text.substr(i, part.size()), part)) return true;
  }
  return false;
}

const Variable* find_forced(const Policy& policy, std::string_view name) noexcept {
  for (const Variable& variable : policy.forced) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

// The vault URL is https://<name>.vault.azure.net/; DNS names ignore case.
bool vault_url_matches(std::string_view url, std::string_view name) noexcept {
  constexpr std::string_view kScheme = "https://";
  constexpr std::string_view kSuffix = ".vault.azure.net/";
  if (url.size() != kScheme.size() + name.size() + kSuffix.size()) return false;
  return equals_ignoring_ascii_case(url.substr(0, kScheme.size()), kScheme) &&
         equals_ignoring_ascii_case(url.substr(kScheme.size(), name.size()), name) &&
         equals_ignoring_ascii_case(url.substr(kScheme.size() + name.size()), kSuffix);
}

constexpr std::array<RefusedWord, 9> kRefusedWords{{
    {"prod", "prod"},
    {"production", "prod"},
    {"prd", "prod"},
    {"live", "prod"},
    {"uat", "uat"},
    {"dev", "dev"},
    {"development", "dev"},
    {"sandbox", "dev"},
    {"test", "test"},
}};

void check_vault(const Policy& policy, std::vector<PolicyProblem>& problems) {
  if (policy.vault_name.empty() && policy.vault_url.empty()) return;
  if (policy.vault_name.empty()) {
    problems.push_back({kVaultNameVariable, PolicyRule::VaultIncomplete, {}});
    return;
  }
  if (policy.vault_url.empty()) {
    problems.push_back({kVaultUrlVariable, PolicyRule::VaultIncomplete, {}});
    return;
  }
  const Variable* name = find_forced(policy, kVaultNameVariable);
  if (name == nullptr || name->value != policy.vault_name) {
    problems.push_back({kVaultNameVariable, PolicyRule::VaultVariableMismatch, {}});
  }
  const Variable* url = find_forced(policy, kVaultUrlVariable);
  if (url == nullptr || url->value != policy.vault_url) {
    problems.push_back({kVaultUrlVariable, PolicyRule::VaultVariableMismatch, {}});
  }
  if (!vault_url_matches(policy.vault_url, policy.vault_name)) {
    problems.push_back({kVaultUrlVariable, PolicyRule::VaultUrlMismatch, {}});
  }
  if (!contains_word(policy.vault_name, policy.enforced)) {
    problems.push_back({kVaultNameVariable, PolicyRule::VaultNameMissingEnvironment, {}});
  }
  for (const auto& [word, environment] : kRefusedWords) {
    // A policy may enforce one of these words itself ("test"); that is its
    // own environment, not another one.
    if (contains_word(policy.enforced, word)) continue;
    if (contains_word(policy.vault_name, word)) {
      problems.push_back({kVaultNameVariable, PolicyRule::VaultNameRefusedWord, word});
    }
  }
}

}  // namespace

std::string_view trim_ascii_whitespace(std::string_view value) noexcept {
  while (!value.empty() && is_ascii_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_ascii_space(value.back())) value.remove_suffix(1);
  return value;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool same_environment(std::string_view value, std::string_view name) noexcept {
  return equals_ignoring_ascii_case(trim_ascii_whitespace(value), name);
}

bool contains_word(std::string_view text, std::string_view word) noexcept {
  if (word.empty()) return false;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    const std::size_t after = i + word.size();
    const bool starts_word = i == 0 || !is_ascii_alphanumeric(text[i - 1]);
    const bool ends_word = after == text.size() || !is_ascii_alphanumeric(text[after]);
    if (starts_word && ends_word && equals_ignoring_ascii_case(text.substr(i, word.size()), word)) {
      return true;
    }
  }
  return false;
}

bool satisfies(const Variable& required, std::optional<std::string_view> found) noexcept {
  if (!found) return false;
  if (required.name == kEnvironmentVariable) return same_environment(*found, required.value);
  return *found == required.value;
}

CallerDecision decide_caller(const Policy& policy,
                             std::optional<std::string_view> caller) noexcept {
  if (!caller || trim_ascii_whitespace(*caller).empty()) return CallerDecision::Forced;
  for (std::string_view allowed : policy.allowed) {
    if (same_environment(*caller, allowed)) return CallerDecision::Allowed;
  }
  return policy.on_mismatch == OnMismatch::Force ? CallerDecision::Overridden
                                                 : CallerDecision::Refused;
}

Caller read_caller(const Environment& environment) {
  Caller caller;
  caller.guarded = environment.get(kGuardVariable).has_value();
  caller.value = environment.get(caller.guarded ? kCallerVariable : kEnvironmentVariable);
  return caller;
}

std::vector<Violation> check_forced_variables(const Policy& policy,
                                              const Environment& environment,
                                              Absent absent) {
  std::vector<Violation> violations;
  for (const Variable& required : policy.forced) {
    const std::optional<std::string_view> found = environment.get(required.name);
    if (!found && absent == Absent::IsAllowed) continue;
    if (!satisfies(required, found)) {
      violations.push_back({required.name, found, required.value, {}});
    }
  }
  return violations;
}

std::vector<Violation> check_refused_values(const Policy& policy,
                                            const Environment& environment) {
  std::vector<Violation> violations;
  for (const RefuseRule& rule : policy.refuse) {
    const std::optional<std::string_view> found = environment.get(rule.name);
    if (found && contains_word(*found, rule.word)) {
      violations.push_back({rule.name, found, {}, rule.word});
    }
  }
  return violations;
}

std::vector<Violation> check_caller_vault(const Policy& policy,
                                          const Environment& environment) {
  std::vector<Violation> violations;
  for (std::string_view name : {kVaultNameVariable, kVaultUrlVariable}) {
    const std::optional<std::string_view> found = environment.get(name);
    if (!found || trim_ascii_whitespace(*found).empty()) continue;
    if (!policy.vault_name.empty()) {
      if (policy.on_mismatch == OnMismatch::Force) continue;
      const bool same = name == kVaultNameVariable
                            ? equals_ignoring_ascii_case(*found, policy.vault_name)
                            : vault_url_matches(*found, policy.vault_name);
      if (!same) {
        violations.push_back(
            {name, found, name == kVaultNameVariable ? policy.vault_name : policy.vault_url, {}});
      }
      continue;
    }
    for (const auto& [word, environment] : kRefusedWords) {
      if (contains_word(policy.enforced, word) || !contains_word(*found, word)) continue;
      violations.push_back({name, found, {}, word});
      break;
    }
  }
  return violations;
}

std::vector<Violation> check_caller_values(const Policy& policy,
                                           const Environment& environment) {
  std::vector<Violation> violations = check_caller_vault(policy, environment);
  const std::vector<Violation> refused = check_refused_values(policy, environment);
  violations.insert(violations.end(), refused.begin(), refused.end());
  return violations;
}

std::vector<Violation> check_environment(const Policy& policy, const Environment& environment,
                                         Absent absent) {
  std::vector<Violation> violations = check_forced_variables(policy, environment, absent);
  if (!policy.refuse.empty()) {
    std::vector<Violation> refused = check_refused_values(policy, environment);
    violations.insert(violations.end(), refused.begin(), refused.end());
  }
  // With a vault in the policy the forced variables cover it; without one a
  // test inherits whatever vault its caller had.
  if (policy.vault_name.empty()) {
    std::vector<Violation> vault = check_caller_vault(policy, environment);
    violations.insert(violations.end(), vault.begin(), vault.end());
  }
  return violations;
}

std::vector<std::string_view> checked_variable_names(const Policy& policy) {
  std::vector<std::string_view> names;
  for (const Variable& variable : policy.forced) names.push_back(variable.name);
  for (const RefuseRule& rule : policy.refuse) names.push_back(rule.name);
  if (policy.vault_name.empty()) {
    names.push_back(kVaultNameVariable);
    names.push_back(kVaultUrlVariable);
  }
  return names;
}

bool is_secret_name(std::string_view name, const Policy& policy) noexcept {
  if (ends_with_ignoring_ascii_case(name, "_KEY") ||
      ends_with_ignoring_ascii_case(name, "_SECRET") ||
      ends_with_ignoring_ascii_case(name, "_TOKEN") ||
      contains_ignoring_ascii_case(name, "PASSWORD")) {
    return true;
  }
  for (std::string_view secret : policy.secrets) {
    if (equals_ignoring_ascii_case(name, secret)) return true;
  }
  return false;
}

std::vector<PolicyProblem> check_policy(const Policy& policy) {
  std::vector<PolicyProblem> problems;
  if (trim_ascii_whitespace(policy.enforced).empty() || policy.forced.empty() ||
      policy.forced[0].name != kEnvironmentVariable ||
      policy.forced[0].value != policy.enforced) {
    problems.push_back({kEnvironmentVariable, PolicyRule::ForcedEnvironmentMissing, {}});
  }
  bool enforced_allowed = false;
  for (std::string_view allowed : policy.allowed) {
    enforced_allowed = enforced_allowed || same_environment(allowed, policy.enforced);
  }
  if (!enforced_allowed) {
    problems.push_back({kEnvironmentVariable, PolicyRule::EnforcedNotAllowed, {}});
  }
  check_vault(policy, problems);
  for (const RefuseRule& rule : policy.refuse) {
    bool passed_through = false;
    for (std::string_view name : policy.pass_through) passed_through |= name == rule.name;
    if (!passed_through || rule.word.empty() || contains_word(policy.enforced, rule.word)) {
      problems.push_back({rule.name, PolicyRule::RefuseRuleInvalid, rule.word});
    }
  }
  return problems;
}

Span<RefusedWord> refused_environment_words() noexcept { return kRefusedWords; }

}  // namespace staging
