#include "staging/rules.hpp"

#include "staging/network_rules.hpp"

#include <algorithm>
#include <utility>

namespace staging {
namespace {

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

// The vault URL is <prefix><name><suffix>; DNS names ignore case.
bool vault_url_matches(const Policy& policy, std::string_view url) noexcept {
  const std::string_view prefix = policy.vault_url_prefix;
  const std::string_view suffix = policy.vault_url_suffix;
  const std::string_view name = policy.vault_name;
  if (url.size() != prefix.size() + name.size() + suffix.size()) return false;
  return equals_ignoring_ascii_case(url.substr(0, prefix.size()), prefix) &&
         equals_ignoring_ascii_case(url.substr(prefix.size(), name.size()), name) &&
         equals_ignoring_ascii_case(url.substr(prefix.size() + name.size()), suffix);
}

// A word of another environment in `text`. A policy may enforce one of the
// words itself ("test"): that is its own environment, not another one.
const EnvironmentWord* other_environment_word_in(std::string_view text,
                                                 const Policy& policy) noexcept {
  for (const EnvironmentWord& word : policy.environment_words) {
    if (contains_word(policy.enforced, word.word)) continue;
    if (contains_word(text, word.word)) return &word;
  }
  return nullptr;
}

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
  if (!vault_url_matches(policy, policy.vault_url)) {
    problems.push_back({kVaultUrlVariable, PolicyRule::VaultUrlMismatch, {}});
  }
  if (!contains_word(policy.vault_name, policy.enforced)) {
    problems.push_back({kVaultNameVariable, PolicyRule::VaultNameMissingEnvironment, {}});
  }
  for (const EnvironmentWord& word : policy.environment_words) {
    if (contains_word(policy.enforced, word.word)) continue;
    if (contains_word(policy.vault_name, word.word)) {
      problems.push_back({kVaultNameVariable, PolicyRule::VaultNameRefusedWord, word.word});
    }
  }
}

void add_unique(std::vector<std::string_view>& names, std::string_view name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

}  // namespace

Scan::Scan(std::vector<std::string_view> names)
    : names_(std::move(names)), found_(names_.size()) {
  const auto mark = [](std::array<std::uint64_t, 4>& table, char c) {
    const auto byte = static_cast<unsigned char>(c);
    table[byte / 64] |= std::uint64_t{1} << (byte % 64);
  };
  for (std::string_view name : names_) {
    if (name.empty()) continue;
    mark(first_bytes_, name.front());
    mark(first_bytes_any_case_, ascii_lower(name.front()));
    mark(first_bytes_any_case_, ascii_upper(name.front()));
  }
}

void Scan::run(const Environment& environment) {
  for (Found& found : found_) found = Found{};
  const NameCase name_case = environment.names_ignore_case() ? NameCase::Ignored : NameCase::Exact;
  const std::array<std::uint64_t, 4>& first_bytes =
      name_case == NameCase::Ignored ? first_bytes_any_case_ : first_bytes_;
  for (const char* const* entry = environment.entries(); *entry != nullptr; ++entry) {
    const auto byte = static_cast<unsigned char>(**entry);
    if ((first_bytes[byte / 64] & (std::uint64_t{1} << (byte % 64))) == 0) continue;
    const std::string_view text(*entry);
    for (std::size_t i = 0; i < names_.size(); ++i) {
      const std::optional<std::string_view> value = value_of(text, names_[i], name_case);
      if (!value) continue;
      if (found_[i].value) {
        found_[i].duplicated = true;
        found_[i].last = *value;
      } else {
        found_[i].value = value;
      }
      break;  // names are distinct: no other can match this entry
    }
  }
}

const Found& Scan::get(std::string_view name) const noexcept {
  static const Found kNone;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return found_[i];
  }
  return kNone;
}

std::vector<std::string_view> checked_variable_names(const Policy& policy) {
  std::vector<std::string_view> names;
  for (const Variable& variable : policy.forced) add_unique(names, variable.name);
  for (const RefuseRule& rule : policy.refuse) add_unique(names, rule.name);
  if (policy.vault_name.empty()) {
    add_unique(names, kVaultNameVariable);
    add_unique(names, kVaultUrlVariable);
  }
  return names;
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
  caller.guarded = first_value(environment, kGuardVariable).has_value();
  caller.value = first_value(environment, caller.guarded ? kCallerVariable : kEnvironmentVariable);
  return caller;
}

namespace {

void check_refused_values(const Policy& policy, const Scan& scan,
                          std::vector<Violation>& violations) {
  for (const RefuseRule& rule : policy.refuse) {
    const Found& found = scan.get(rule.name);
    if (found.value && contains_word(*found.value, rule.word)) {
      violations.push_back({rule.name, found.value, {}, rule.word, false});
    }
  }
}

// See check_caller_values().
void check_vault_values(const Policy& policy, const Scan& scan,
                        std::vector<Violation>& violations) {
  for (std::string_view name : {kVaultNameVariable, kVaultUrlVariable}) {
    const Found& found = scan.get(name);
    if (!found.value || trim_ascii_whitespace(*found.value).empty()) continue;
    if (!policy.vault_name.empty()) {
      const bool same = name == kVaultNameVariable
                            ? equals_ignoring_ascii_case(*found.value, policy.vault_name)
                            : vault_url_matches(policy, *found.value);
      if (!same) {
        violations.push_back({name, found.value,
                              name == kVaultNameVariable ? policy.vault_name : policy.vault_url,
                              {}, false});
      }
      continue;
    }
    if (const EnvironmentWord* word = other_environment_word_in(*found.value, policy)) {
      violations.push_back({name, found.value, {}, word->word, false});
    }
  }
}

// A checked variable that is not forced (a REFUSE rule's, or the vault's
// when the policy has none) given twice: the value judged is the first
// entry's, a shell would use the last.
void check_duplicated_values(const Policy& policy, const Scan& scan,
                             std::vector<Violation>& violations) {
  const auto check = [&](std::string_view name) {
    const Found& found = scan.get(name);
    if (!found.duplicated || find_forced(policy, name) != nullptr) return;
    for (const Violation& violation : violations) {
      if (violation.duplicated && violation.name == name) return;
    }
    violations.push_back({name, found.value, {}, {}, true, found.last});
  };
  for (const RefuseRule& rule : policy.refuse) check(rule.name);
  if (policy.vault_name.empty()) {
    check(kVaultNameVariable);
    check(kVaultUrlVariable);
  }
}

}  // namespace

std::vector<Violation> check_environment(const Policy& policy, const Scan& scan, Absent absent) {
  std::vector<Violation> violations;
  for (const Variable& required : policy.forced) {
    const Found& found = scan.get(required.name);
    if (found.duplicated) {
      violations.push_back({required.name, found.value, required.value, {}, true, found.last});
      continue;
    }
    if (!found.value && absent == Absent::IsAllowed) continue;
    if (!satisfies(required, found.value)) {
      violations.push_back({required.name, found.value, required.value, {}, false});
    }
  }
  check_duplicated_values(policy, scan, violations);
  check_refused_values(policy, scan, violations);
  // With a vault in the policy the forced variables cover it; without one a
  // test inherits whatever vault its caller had.
  if (policy.vault_name.empty()) check_vault_values(policy, scan, violations);
  return violations;
}

std::vector<Violation> check_caller_values(const Policy& policy, const Scan& scan) {
  std::vector<Violation> violations;
  for (std::string_view name : scan.names()) {
    const Found& found = scan.get(name);
    if (!found.duplicated) continue;
    const Variable* forced = find_forced(policy, name);
    // Under FORCE the guard replaces every entry of a forced variable.
    if (forced != nullptr && policy.on_mismatch == OnMismatch::Force) continue;
    violations.push_back({name, found.value,
                          forced != nullptr ? forced->value : std::string_view{}, {}, true,
                          found.last});
  }
  if (policy.on_mismatch == OnMismatch::Fail || policy.vault_name.empty()) {
    check_vault_values(policy, scan, violations);
  }
  check_refused_values(policy, scan, violations);
  return violations;
}

bool is_secret_name(std::string_view name, const Policy& policy) noexcept {
  for (std::string_view suffix : policy.secret_suffixes) {
    if (ends_with_ignoring_ascii_case(name, suffix)) return true;
  }
  for (std::string_view infix : policy.secret_infixes) {
    if (contains_ignoring_ascii_case(name, infix)) return true;
  }
  for (std::string_view secret : policy.secrets) {
    if (equals_ignoring_ascii_case(name, secret)) return true;
  }
  return false;
}

const EnvironmentWord* environment_word_in(std::string_view text, const Policy& policy) noexcept {
  for (const EnvironmentWord& word : policy.environment_words) {
    if (contains_word(text, word.word)) return &word;
  }
  return nullptr;
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
  for (std::string_view entry : policy.network.allowed) {
    AllowEntry parsed;
    if (!parse_allow_entry(entry, parsed)) {
      problems.push_back({"NETWORK_ALLOW", PolicyRule::NetworkEntryInvalid, entry});
    }
  }
  for (std::string_view word : policy.network.refused_words) {
    if (word.empty() || contains_word(policy.enforced, word)) {
      problems.push_back({"NETWORK_REFUSE", PolicyRule::NetworkEntryInvalid, word});
    }
  }
  return problems;
}

}  // namespace staging
