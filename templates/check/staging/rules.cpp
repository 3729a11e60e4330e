#include "staging/rules.hpp"

#include "staging/network_rules.hpp"
#include "staging/url.hpp"

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

bool passes_through(const Policy& policy, std::string_view name) noexcept {
  for (std::string_view passed : policy.pass_through) {
    if (passed == name) return true;
  }
  return false;
}

// Whether a target's rule looks at the caller's value: a forced NAME, ID,
// URL or PATH names the one target the run may use; a VALUE (a region) is
// simply overridden, and a SECRET is never looked at.
constexpr bool identifies(TargetRole role) noexcept {
  return role != TargetRole::Value && role != TargetRole::Secret;
}

// A file's name and the name of the directory holding it: what names the
// environment in /etc/engram/prod/key.json or ~/.kube/config-uat. The rest
// of a path names the machine (/home/dev, /work/build/test), not the target.
std::string_view path_tail(std::string_view path) noexcept {
  const auto separator = [](char c) { return c == '/' || c == '\\'; };
  std::size_t end = path.size();
  while (end > 0 && separator(path[end - 1])) --end;
  std::size_t start = end;
  while (start > 0 && !separator(path[start - 1])) --start;  // the file
  while (start > 0 && separator(path[start - 1])) --start;
  while (start > 0 && !separator(path[start - 1])) --start;  // its directory
  return path.substr(start, end - start);
}

// The word of another environment in a target's value, as the word rule
// reads it: a URL's host and query, not its path (a database named app_test
// on the staging host is staging's, but libpq connects to ?host=...); a
// path's tail; anything else whole. `readable` is false for a URL that does
// not parse, which is then read whole.
const EnvironmentWord* target_word_in(const TargetVariable& variable, std::string_view value,
                                      const Policy& policy, bool& readable) noexcept {
  readable = true;
  if (variable.role == TargetRole::Path) return other_environment_word_in(path_tail(value), policy);
  if (variable.role != TargetRole::Url) return other_environment_word_in(value, policy);
  UrlParts parts;
  if (!parse_url(value, parts)) {
    readable = false;
    return other_environment_word_in(value, policy);
  }
  if (const EnvironmentWord* word = other_environment_word_in(parts.host, policy)) return word;
  const std::size_t query = parts.rest.find('?');
  if (query == std::string_view::npos) return nullptr;
  return other_environment_word_in(parts.rest.substr(query), policy);
}

void check_target_policy(const Policy& policy, std::vector<PolicyProblem>& problems) {
  for (const TargetVariable& variable : policy.target_variables) {
    const Variable* forced = find_forced(policy, variable.name);
    // A forced value is written in the build tree and shown: never a
    // secret's. A name is one target's.
    const bool unique = find_target_variable(policy, variable.name) == &variable;
    const bool consistent = !unique ? false
                            : variable.forced
                                ? forced != nullptr && forced->value == variable.value &&
                                      variable.role != TargetRole::Secret &&
                                      !is_secret_name(variable.name, policy)
                                : forced == nullptr && passes_through(policy, variable.name) &&
                                      (variable.role == TargetRole::Url ||
                                       variable.role == TargetRole::Path ||
                                       (variable.role == TargetRole::Secret &&
                                        is_secret_name(variable.name, policy)));
    if (!consistent) {
      problems.push_back({variable.name, PolicyRule::TargetNotForced, variable.target});
      continue;
    }
    if (!variable.forced) continue;
    UrlParts parts;
    if (variable.role == TargetRole::Url &&
        (!parse_url(variable.value, parts) || parts.has_password)) {
      problems.push_back({variable.name, PolicyRule::TargetUrlInvalid, variable.target});
      continue;
    }
    bool readable = true;
    const EnvironmentWord* word = target_word_in(variable, variable.value, policy, readable);
    if (variable.role == TargetRole::Name && !contains_word(variable.value, policy.enforced)) {
      problems.push_back({variable.name, PolicyRule::TargetNameMissingEnvironment, variable.target});
    }
    if (word != nullptr) {
      problems.push_back({variable.name, PolicyRule::TargetRefusedWord, word->word});
    }
  }
  for (const TargetField& field : policy.target_fields) {
    bool found = false;
    for (const TargetVariable& variable : policy.target_variables) {
      found |= variable.target == field.target && variable.name == field.variable &&
               variable.role == TargetRole::Path;
    }
    if (!found) problems.push_back({field.variable, PolicyRule::TargetFieldInvalid, field.field});
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
  for (const TargetVariable& variable : policy.target_variables) add_unique(names, variable.name);
  for (const TargetVariable& variable : policy.watched) add_unique(names, variable.name);
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

// A value the caller passes on to the tests: a target's passed-through URL
// or PATH (which must be readable), or a watched variable. See
// check_caller_values().
void check_passed_value(const Policy& policy, const TargetVariable& variable, const Scan& scan,
                        bool configured, std::vector<Violation>& violations) {
  if (variable.forced || variable.role == TargetRole::Secret) return;
  const Found& found = scan.get(variable.name);
  if (!found.value || trim_ascii_whitespace(*found.value).empty()) return;
  bool readable = true;
  const EnvironmentWord* word = target_word_in(variable, *found.value, policy, readable);
  if (!readable && configured) {
    Violation violation{variable.name, found.value};
    violation.target = &variable;
    violation.problem = TargetProblem::NotUrl;
    violations.push_back(violation);
    return;
  }
  if (word != nullptr) {
    Violation violation{variable.name, found.value, {}, word->word};
    violation.target = &variable;
    violations.push_back(violation);
  }
}

void check_passed_values(const Policy& policy, const Scan& scan,
                         std::vector<Violation>& violations) {
  for (const TargetVariable& variable : policy.target_variables) {
    check_passed_value(policy, variable, scan, true, violations);
  }
  for (const TargetVariable& variable : policy.watched) {
    check_passed_value(policy, variable, scan, false, violations);
  }
}

// The caller's value of a target's forced NAME, ID, URL or PATH that is
// another target's: a caller pinned to another vault, profile, project or
// cluster asked for it, as one pinned to another ENVIRONMENT did.
void check_other_targets(const Policy& policy, const Scan& scan,
                         std::vector<Violation>& violations) {
  for (const TargetVariable& variable : policy.target_variables) {
    if (!variable.forced || !identifies(variable.role)) continue;
    const Found& found = scan.get(variable.name);
    if (!found.value || trim_ascii_whitespace(*found.value).empty()) continue;
    if (same_target_value(variable, *found.value)) continue;
    Violation violation{variable.name, found.value, variable.value};
    violation.target = &variable;
    violation.problem = TargetProblem::Differs;
    violations.push_back(violation);
  }
}

// A checked variable that is not forced (a REFUSE rule's, a target's
// passed-through one, a watched one) given twice: the value judged is the first
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
  for (const TargetVariable& variable : policy.target_variables) check(variable.name);
  for (const TargetVariable& variable : policy.watched) check(variable.name);
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
  // The forced variables cover the forced target values; a test inherits
  // the passed-through and watched ones from its caller.
  check_passed_values(policy, scan, violations);
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
  if (policy.on_mismatch == OnMismatch::Fail) check_other_targets(policy, scan, violations);
  check_passed_values(policy, scan, violations);
  check_refused_values(policy, scan, violations);
  return violations;
}

const TargetVariable* find_target_variable(const Policy& policy, std::string_view name) noexcept {
  for (const TargetVariable& variable : policy.target_variables) {
    if (variable.name == name) return &variable;
  }
  for (const TargetVariable& variable : policy.watched) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

bool same_target_value(const TargetVariable& variable, std::string_view value) noexcept {
  switch (variable.role) {
    case TargetRole::Name:
      return equals_ignoring_ascii_case(value, variable.value);
    case TargetRole::Url:
      return same_url(value, variable.value);
    default:
      return value == variable.value;
  }
}

namespace {

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// JSON: the last "field": "value" pair anywhere (a key file is flat; its
// nested objects hold no project_id), escapes not decoded. The last, as
// JSON readers keep the last of a key given twice.
std::optional<std::string_view> json_field(std::string_view text, std::string_view field) noexcept {
  std::optional<std::string_view> last;
  for (std::size_t at = text.find('"'); at != std::string_view::npos; at = text.find('"', at + 1)) {
    if (text.substr(at + 1, field.size()) != field || at + 1 + field.size() >= text.size() ||
        text[at + 1 + field.size()] != '"') {
      continue;
    }
    std::size_t i = at + field.size() + 2;
    while (i < text.size() && is_blank(text[i])) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && is_blank(text[i])) ++i;
    // A value that is no string cannot be judged: none at all.
    if (i >= text.size() || text[i] != '"') return std::nullopt;
    const std::size_t close = text.find('"', i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    last = text.substr(i + 1, close - i - 1);
    at = close;
  }
  return last;
}

// YAML: the last "field: value" line at column 0, quotes and a trailing
// comment removed. The last, as kubectl's reader keeps the last of a key
// given twice: a staging line first and a production one after must not
// pass for staging.
std::optional<std::string_view> yaml_field(std::string_view text, std::string_view field) noexcept {
  std::optional<std::string_view> last;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.substr(0, field.size()) != field) continue;
    std::size_t i = field.size();
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] != ':') continue;
    ++i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string_view value = line.substr(i);
    while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
      const std::size_t close = value.find(value.front(), 1);
      if (close == std::string_view::npos) return std::nullopt;
      last = value.substr(1, close - 1);
      continue;
    }
    const std::size_t comment = value.find(" #");
    if (comment != std::string_view::npos) value = value.substr(0, comment);
    while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
    last = value;
  }
  return last;
}

}  // namespace

std::optional<std::string_view> top_level_field(std::string_view text,
                                                std::string_view field) noexcept {
  std::size_t first = 0;
  while (first < text.size() && is_blank(text[first])) ++first;
  if (first < text.size() && text[first] == '{') return json_field(text, field);
  return yaml_field(text, field);
}

std::vector<Violation> check_target_fields(
    const Policy& policy, const Scan& scan,
    std::optional<std::string> (*read)(std::string_view path),
    std::vector<std::string>& contents) {
  std::vector<Violation> violations;
  // The violations point into `contents`: reserved first, it never moves
  // the strings (whose short ones keep their bytes inside).
  contents.clear();
  contents.reserve(policy.target_fields.size());
  for (const TargetField& field : policy.target_fields) {
    const TargetVariable* variable = find_target_variable(policy, field.variable);
    if (variable == nullptr) continue;
    std::string_view path = variable->value;
    if (!variable->forced) {
      const Found& found = scan.get(variable->name);
      if (!found.value || trim_ascii_whitespace(*found.value).empty()) continue;
      path = *found.value;
    }
    Violation violation{variable->name, path};
    violation.target = variable;
    violation.field = &field;
    std::optional<std::string> text = read(path);
    if (!text) {
      violation.problem = TargetProblem::FileUnreadable;
      violations.push_back(violation);
      continue;
    }
    contents.push_back(std::move(*text));
    const std::optional<std::string_view> value = top_level_field(contents.back(), field.field);
    if (!value) {
      violation.problem = TargetProblem::FieldMissing;
      violations.push_back(violation);
      continue;
    }
    violation.found = value;
    if (!field.value.empty() && *value != field.value) {
      violation.problem = TargetProblem::FieldDiffers;
      violation.required = field.value;
      violations.push_back(violation);
    } else if (const EnvironmentWord* word = other_environment_word_in(*value, policy)) {
      violation.refused_word = word->word;
      violations.push_back(violation);
    }
  }
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
  check_target_policy(policy, problems);
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
