// libFuzzer target for the check program's rules and messages
// (templates/check/staging): builds a Policy and an environment (a list of
// entries, duplicates kept) from the input, runs Scan and every rule against
// an independently written oracle, every message writer, every mode of
// run_mode() and the in-binary guard, and aborts when an invariant breaks.
// Built twice: with clang -fsanitize=fuzzer (the fuzz.policy test) and, with
// replay_main.cpp, as a plain program that replays the corpus and the
// regressions (the fuzz.regressions test, any compiler).
//
// Input: fields separated by NUL (a process environment cannot hold one
// either); list fields hold items separated by 0x1e; NAME=value items are
// split at the first '=' so that '=' inside a value survives.
//
//   0 flags (first byte): 1 ON_MISMATCH FORCE, 2 under the ctest guard
//     (STAGING_TESTS_GUARD set), 4 the caller's ENVIRONMENT (field 10) is
//     set, 8 guard gets the right policy id, 16 exec fails, 32 every forced
//     variable is set first (as ctest does), 64 the test is --outside,
//     128 the session's stamp is in the run directory
//   1 enforced   2 allowed (list)   3 forced (list of NAME=value)
//   4 pass-through (list)   5 secrets (list)
//   6 vault name   7 vault URL: when either is set, the first target is
//     {"vault", "azure-key-vault"} forcing AZURE_KEY_VAULT_NAME (NAME) and
//     AZURE_KEYVAULT_URL (URL) to them; field 3 must force them too (as the
//     configure does) or the policy is inconsistent
//   8 refuse (list of NAME=word)
//   9 environment: entries appended as given, after the forced ones (so a
//     name may appear twice, and an entry may lack '=')
//   10 the caller's ENVIRONMENT (appended last)   11 test name   12 policy id
//   13 more target variables (list), each <role><mode><kind>NAME=value:
//        role  N, I, V, U, P or S (NAME, ID, VALUE, URL, PATH, SECRET; any
//              other byte: its value modulo 6)
//        mode  f forced, F forced but left out of the forced list, p passed
//              through, P passed through but left out of the pass-through
//              (and secrets) list (any other byte: bit 0 forced, bit 1 added)
//        kind  its value modulo 6 ('0'..'5'): custom, aws, google-cloud,
//              kubernetes, url (the target is labelled NAME, as DATABASE_URL
//              is) or azure-key-vault; the others are labelled by the kind
//      so "Up4DATABASE_URL=" is a passed-through database URL target.
//
// The policy watches every target kind's variable that its targets do not
// give (staging_test::rule_data::kWatched), as the configure does. The
// toolkit's rule data (environment words, secret-name shapes, the target
// kinds' variables) comes from staging_unit_rule_data.hpp, generated from
// cmake/StagingTestsRules.cmake and cmake/StagingTestsTargets.cmake.
//
// tests/fuzz/README.md says how to run it and how to keep a crash.
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "staging/doctor.hpp"
#include "staging/environment.hpp"
#include "staging/in_binary_guard.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"
#include "staging/run_record.hpp"
#include "staging/url.hpp"
#include "staging_unit_rule_data.hpp"

#include <unistd.h>

namespace {

[[noreturn]] void fail(const char* what, int line) {
  std::fprintf(stderr, "fuzz_policy.cpp:%d: invariant broken: %s\n", line, what);
  std::abort();
}

#define FUZZ_CHECK(condition)                     \
  do {                                            \
    if (!(condition)) fail(#condition, __LINE__); \
  } while (false)

// The skip marker, never spelt in a source (see tests/unit/fakes.hpp).
const std::string kSkipMarker = std::string("[ ") + " SKIPPED ]";
constexpr std::string_view kCheckMark = "\xe2\x9c\x93";
constexpr std::string_view kBallotX = "\xe2\x9c\x97";
constexpr char kListSeparator = '\x1e';

using Entries = std::vector<std::string>;

class Environment final : public staging::MutableEnvironment {
 public:
  explicit Environment(Entries entries = {}) : entries_(std::move(entries)) { rebuild(); }
  Environment(const Environment& other)
      : staging::MutableEnvironment(other), entries_(other.entries_) {
    rebuild();
  }
  Environment& operator=(const Environment&) = delete;

  const char* const* entries() const override { return pointers_.data(); }
  void assign(std::string_view name, std::string_view value) override {
    Entries kept;
    for (std::string& entry : entries_) {
      if (!staging::value_of(entry, name)) kept.push_back(std::move(entry));
    }
    kept.push_back(std::string(name) + "=" + std::string(value));
    entries_.swap(kept);
    rebuild();
  }
  void append(std::string entry) {
    entries_.push_back(std::move(entry));
    rebuild();
  }
  const Entries& list() const { return entries_; }
  Entries& list() { return entries_; }
  void rebuild() {
    pointers_.clear();
    for (const std::string& entry : entries_) pointers_.push_back(entry.c_str());
    pointers_.push_back(nullptr);
  }

 private:
  Entries entries_;
  std::vector<const char*> pointers_;
};

class Exec final : public staging::Exec {
 public:
  explicit Exec(bool fails) : fails_(fails) {}
  staging::ExecResult exec(char* const argv[], std::string_view run_dir) const override {
    ++calls;
    this->run_dir = std::string(run_dir);
    args.clear();
    for (char* const* arg = argv; *arg != nullptr; ++arg) args.emplace_back(*arg);
    if (fails_) return {false, 0, ENOENT};
    return {true, 42, 0};
  }
  mutable int calls = 0;
  mutable std::string run_dir;
  mutable std::vector<std::string> args;

 private:
  bool fails_;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::pair<std::string_view, std::string_view> pair_of(std::string_view item) {
  const std::size_t equals = item.find('=');
  if (equals == std::string_view::npos) return {item, {}};
  return {item.substr(0, equals), item.substr(equals + 1)};
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// --- Oracles: the documented rules, written again without the code's help ---

bool ref_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool ref_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
std::string ref_lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return result;
}
std::string_view ref_trim(std::string_view value) {
  std::size_t begin = 0;
  std::size_t end = value.size();
  while (begin < end && ref_space(static_cast<unsigned char>(value[begin]))) ++begin;
  while (end > begin && ref_space(static_cast<unsigned char>(value[end - 1]))) --end;
  return value.substr(begin, end - begin);
}
bool ref_same_environment(std::string_view value, std::string_view name) {
  return ref_lower(ref_trim(value)) == ref_lower(name);
}
bool ref_contains_word(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  const std::string lower_text = ref_lower(text);
  const std::string lower_word = ref_lower(word);
  for (std::size_t at = lower_text.find(lower_word); at != std::string::npos;
       at = lower_text.find(lower_word, at + 1)) {
    const std::size_t after = at + lower_word.size();
    if ((at == 0 || !ref_alnum(static_cast<unsigned char>(text[at - 1]))) &&
        (after == text.size() || !ref_alnum(static_cast<unsigned char>(text[after])))) {
      return true;
    }
  }
  return false;
}
bool ref_satisfies(const staging::Variable& required, std::optional<std::string_view> found) {
  if (!found) return false;
  if (required.name == "ENVIRONMENT") return ref_same_environment(*found, required.value);
  return *found == required.value;
}
bool ref_is_secret_name(std::string_view name, const staging::Policy& policy) {
  const std::string lower = ref_lower(name);
  for (std::string_view suffix : policy.secret_suffixes) {
    const std::string lower_suffix = ref_lower(suffix);
    if (lower.size() >= lower_suffix.size() &&
        lower.compare(lower.size() - lower_suffix.size(), lower_suffix.size(), lower_suffix) == 0) {
      return true;
    }
  }
  for (std::string_view infix : policy.secret_infixes) {
    if (lower.find(ref_lower(infix)) != std::string::npos) return true;
  }
  for (std::string_view secret : policy.secrets) {
    if (ref_lower(secret) == lower) return true;
  }
  return false;
}
std::string ref_printable(std::string_view value) {
  std::string result;
  std::size_t used = 0;
  for (; used < value.size(); ++used) {
    const unsigned char c = static_cast<unsigned char>(value[used]);
    std::string piece;
    if (c == '\n') {
      piece = "\\n";
    } else if (c == '\\') {
      piece = "\\\\";
    } else if (c < 0x20 || c >= 0x7f || c == '[') {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      piece = hex;
    } else {
      piece = std::string(1, static_cast<char>(c));
    }
    if (result.size() + piece.size() > 200) break;
    result += piece;
  }
  if (used < value.size()) result += "... (" + std::to_string(value.size()) + " bytes)";
  return result;
}

// What a look-up of `name` over the entries finds.
struct RefFound {
  std::optional<std::string_view> first;
  std::size_t count = 0;
  std::string_view last;
};
RefFound ref_find(const Entries& entries, std::string_view name) {
  RefFound found;
  if (name.empty()) return found;  // names no variable (Windows' "=C:" entries have none)
  for (const std::string& entry : entries) {
    const std::string_view text(entry.c_str());  // as a C string: up to a NUL
    if (text.size() <= name.size() || text[name.size()] != '=' ||
        text.substr(0, name.size()) != name) {
      continue;
    }
    const std::string_view value = text.substr(name.size() + 1);
    if (found.count++ == 0) found.first = value;
    found.last = value;
  }
  return found;
}

const staging::Variable* ref_forced(const staging::Policy& policy, std::string_view name) {
  for (const staging::Variable& variable : policy.forced) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

// The first environment word of another environment than the enforced one.
std::string_view ref_other_word(std::string_view text, const staging::Policy& policy) {
  for (const staging::EnvironmentWord& word : policy.environment_words) {
    if (ref_contains_word(policy.enforced, word.word)) continue;
    if (ref_contains_word(text, word.word)) return word.word;
  }
  return {};
}

// The target variable, configured first and then watched, that holds `name`.
const staging::TargetVariable* ref_target_variable(const staging::Policy& policy,
                                                   std::string_view name) {
  for (const staging::TargetVariable& variable : policy.target_variables) {
    if (variable.name == name) return &variable;
  }
  for (const staging::TargetVariable& variable : policy.watched) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

// NAME ignoring ASCII case, URL by url.hpp's rule, the others byte for byte.
bool ref_same_target_value(const staging::TargetVariable& variable, std::string_view value) {
  if (variable.role == staging::TargetRole::Name) return ref_lower(value) == ref_lower(variable.value);
  if (variable.role == staging::TargetRole::Url) return staging::same_url(value, variable.value);
  return value == variable.value;
}

// What the word rule reads of a target variable's value: a URL's host, any
// other value whole. Nullopt for a URL that does not parse.
// The last two components of a path (a file and its directory), written
// another way than rules.cpp: split at every separator, drop the empty ones.
std::string_view ref_path_tail(std::string_view path) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;  // offset, length
  std::size_t start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/' || path[i] == '\\') {
      if (i > start) parts.push_back({start, i - start});
      start = i + 1;
    }
  }
  if (parts.empty()) return path.substr(0, 0);
  const std::size_t first = parts.size() >= 2 ? parts[parts.size() - 2].first : parts.back().first;
  // A leading separator before a lone component stays, as in rules.cpp.
  const std::size_t from = parts.size() >= 2 ? first : 0;
  return path.substr(from, parts.back().first + parts.back().second - from);
}

// What the word rule reads of a target variable's value, in order: a URL's
// host, then its query (from the first '?' of what follows the authority);
// a path's tail; any other value whole. A URL that does not parse is read
// whole and is not `readable`.
struct RefJudged {
  bool readable = true;
  std::vector<std::string_view> parts;
};

RefJudged ref_judged(const staging::TargetVariable& variable, std::string_view value) {
  if (variable.role == staging::TargetRole::Path) return {true, {ref_path_tail(value)}};
  if (variable.role != staging::TargetRole::Url) return {true, {value}};
  staging::UrlParts parts;
  if (!staging::parse_url(value, parts)) return {false, {value}};
  RefJudged judged{true, {parts.host}};
  for (std::size_t i = 0; i < parts.rest.size(); ++i) {
    if (parts.rest[i] == '?') {
      judged.parts.push_back(parts.rest.substr(i));
      break;
    }
  }
  return judged;
}

std::string_view ref_judged_word(const RefJudged& judged, const staging::Policy& policy) {
  for (std::string_view part : judged.parts) {
    const std::string_view word = ref_other_word(part, policy);
    if (!word.empty()) return word;
  }
  return {};
}

staging::Violation ref_violation(std::string_view name, std::optional<std::string_view> found,
                                 std::string_view required = {}, std::string_view word = {},
                                 bool duplicated = false, std::string_view last = {},
                                 const staging::TargetVariable* target = nullptr,
                                 staging::TargetProblem problem = staging::TargetProblem::None) {
  staging::Violation violation;
  violation.name = name;
  violation.found = found;
  violation.required = required;
  violation.refused_word = word;
  violation.duplicated = duplicated;
  violation.last = last;
  violation.target = target;
  violation.problem = problem;
  return violation;
}

std::vector<std::string_view> ref_checked_names(const staging::Policy& policy) {
  std::vector<std::string_view> names;
  const auto add = [&names](std::string_view name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const staging::Variable& variable : policy.forced) add(variable.name);
  for (const staging::RefuseRule& rule : policy.refuse) add(rule.name);
  for (const staging::TargetVariable& variable : policy.target_variables) add(variable.name);
  for (const staging::TargetVariable& variable : policy.watched) add(variable.name);
  return names;
}

void ref_refused_values(const staging::Policy& policy, const Entries& entries,
                        std::vector<staging::Violation>& out) {
  for (const staging::RefuseRule& rule : policy.refuse) {
    const RefFound found = ref_find(entries, rule.name);
    if (found.first && ref_contains_word(*found.first, rule.word)) {
      out.push_back(ref_violation(rule.name, found.first, {}, rule.word));
    }
  }
}

// What the caller passes on to every test: a target's passed-through URL or
// PATH (a configured URL must parse) and every watched variable (a watched
// URL that does not parse is judged whole). Never a SECRET.
void ref_passed_values(const staging::Policy& policy, const Entries& entries,
                       std::vector<staging::Violation>& out) {
  for (const bool configured : {true, false}) {
    for (const staging::TargetVariable& variable :
         configured ? policy.target_variables : policy.watched) {
      if (variable.forced || variable.role == staging::TargetRole::Secret) continue;
      const RefFound found = ref_find(entries, variable.name);
      if (!found.first || ref_trim(*found.first).empty()) continue;
      const RefJudged judged = ref_judged(variable, *found.first);
      if (!judged.readable && configured) {
        out.push_back(ref_violation(variable.name, found.first, {}, {}, false, {}, &variable,
                                    staging::TargetProblem::NotUrl));
        continue;
      }
      const std::string_view word = ref_judged_word(judged, policy);
      if (!word.empty()) {
        out.push_back(ref_violation(variable.name, found.first, {}, word, false, {}, &variable));
      }
    }
  }
}

// The caller's value of a forced NAME, ID, URL or PATH target variable that
// names another target (VALUE is overridden, SECRET never looked at).
void ref_other_targets(const staging::Policy& policy, const Entries& entries,
                       std::vector<staging::Violation>& out) {
  for (const staging::TargetVariable& variable : policy.target_variables) {
    if (!variable.forced || variable.role == staging::TargetRole::Value ||
        variable.role == staging::TargetRole::Secret) {
      continue;
    }
    const RefFound found = ref_find(entries, variable.name);
    if (!found.first || ref_trim(*found.first).empty()) continue;
    if (ref_same_target_value(variable, *found.first)) continue;
    out.push_back(ref_violation(variable.name, found.first, variable.value, {}, false, {},
                                &variable, staging::TargetProblem::Differs));
  }
}

std::vector<staging::Violation> ref_check_environment(const staging::Policy& policy,
                                                      const Entries& entries,
                                                      staging::Absent absent) {
  std::vector<staging::Violation> out;
  for (const staging::Variable& required : policy.forced) {
    const RefFound found = ref_find(entries, required.name);
    if (found.count > 1) {
      out.push_back(ref_violation(required.name, found.first, required.value, {}, true, found.last));
    } else if (!(found.count == 0 && absent == staging::Absent::IsAllowed) &&
               !ref_satisfies(required, found.first)) {
      out.push_back(ref_violation(required.name, found.first, required.value));
    }
  }
  // Every other checked name given twice, once each.
  std::vector<std::string_view> unforced;
  for (const staging::RefuseRule& rule : policy.refuse) unforced.push_back(rule.name);
  for (const staging::TargetVariable& variable : policy.target_variables) {
    unforced.push_back(variable.name);
  }
  for (const staging::TargetVariable& variable : policy.watched) unforced.push_back(variable.name);
  std::vector<std::string_view> reported;
  for (std::string_view name : unforced) {
    if (ref_forced(policy, name) != nullptr ||
        std::find(reported.begin(), reported.end(), name) != reported.end()) {
      continue;
    }
    const RefFound found = ref_find(entries, name);
    if (found.count > 1) {
      out.push_back(ref_violation(name, found.first, {}, {}, true, found.last));
      reported.push_back(name);
    }
  }
  ref_refused_values(policy, entries, out);
  ref_passed_values(policy, entries, out);
  return out;
}

std::vector<staging::Violation> ref_check_caller_values(const staging::Policy& policy,
                                                        const Entries& entries) {
  std::vector<staging::Violation> out;
  for (std::string_view name : ref_checked_names(policy)) {
    const RefFound found = ref_find(entries, name);
    if (found.count < 2) continue;
    const staging::Variable* forced = ref_forced(policy, name);
    if (forced != nullptr && policy.on_mismatch == staging::OnMismatch::Force) continue;
    out.push_back(ref_violation(name, found.first,
                                forced != nullptr ? forced->value : std::string_view{}, {}, true,
                                found.last));
  }
  if (policy.on_mismatch == staging::OnMismatch::Fail) ref_other_targets(policy, entries, out);
  ref_passed_values(policy, entries, out);
  ref_refused_values(policy, entries, out);
  return out;
}

std::vector<staging::PolicyProblem> ref_check_policy(const staging::Policy& policy) {
  std::vector<staging::PolicyProblem> out;
  if (ref_trim(policy.enforced).empty() || policy.forced.empty() ||
      policy.forced[0].name != "ENVIRONMENT" || policy.forced[0].value != policy.enforced) {
    out.push_back({"ENVIRONMENT", staging::PolicyRule::ForcedEnvironmentMissing, {}});
  }
  bool enforced_allowed = false;
  for (std::string_view name : policy.allowed) {
    enforced_allowed = enforced_allowed || ref_same_environment(name, policy.enforced);
  }
  if (!enforced_allowed) {
    out.push_back({"ENVIRONMENT", staging::PolicyRule::EnforcedNotAllowed, {}});
  }
  const auto passed_through = [&policy](std::string_view name) {
    return std::find(policy.pass_through.begin(), policy.pass_through.end(), name) !=
           policy.pass_through.end();
  };
  for (std::size_t index = 0; index < policy.target_variables.size(); ++index) {
    const staging::TargetVariable& variable = policy.target_variables[index];
    const staging::Variable* forced = ref_forced(policy, variable.name);
    bool first = true;
    for (std::size_t other = 0; other < index; ++other) {
      first = first && policy.target_variables[other].name != variable.name;
    }
    bool consistent = false;
    if (!first) {
      consistent = false;
    } else if (variable.forced) {
      consistent = forced != nullptr && forced->value == variable.value &&
                   variable.role != staging::TargetRole::Secret &&
                   !ref_is_secret_name(variable.name, policy);
    } else {
      consistent = forced == nullptr && passed_through(variable.name) &&
                   (variable.role == staging::TargetRole::Url ||
                    variable.role == staging::TargetRole::Path ||
                    (variable.role == staging::TargetRole::Secret &&
                     ref_is_secret_name(variable.name, policy)));
    }
    if (!consistent) {
      out.push_back({variable.name, staging::PolicyRule::TargetNotForced, variable.target});
      continue;
    }
    if (!variable.forced) continue;
    const RefJudged judged = ref_judged(variable, variable.value);
    if (variable.role == staging::TargetRole::Url) {
      staging::UrlParts parts;
      if (!judged.readable || (staging::parse_url(variable.value, parts) && parts.has_password)) {
        out.push_back({variable.name, staging::PolicyRule::TargetUrlInvalid, variable.target});
        continue;
      }
    }
    if (variable.role == staging::TargetRole::Name &&
        !ref_contains_word(variable.value, policy.enforced)) {
      out.push_back(
          {variable.name, staging::PolicyRule::TargetNameMissingEnvironment, variable.target});
    }
    const std::string_view word = ref_judged_word(judged, policy);
    if (!word.empty()) out.push_back({variable.name, staging::PolicyRule::TargetRefusedWord, word});
  }
  for (const staging::TargetField& field : policy.target_fields) {
    bool found = false;
    for (const staging::TargetVariable& variable : policy.target_variables) {
      found = found || (variable.target == field.target && variable.name == field.variable &&
                        variable.role == staging::TargetRole::Path);
    }
    if (!found) out.push_back({field.variable, staging::PolicyRule::TargetFieldInvalid, field.field});
  }
  for (const staging::RefuseRule& rule : policy.refuse) {
    if (!passed_through(rule.name) || rule.word.empty() ||
        ref_contains_word(policy.enforced, rule.word)) {
      out.push_back({rule.name, staging::PolicyRule::RefuseRuleInvalid, rule.word});
    }
  }
  // The inputs configure no network guard: it adds nothing.
  return out;
}

bool same_violations(const std::vector<staging::Violation>& a,
                     const std::vector<staging::Violation>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].found != b[i].found || a[i].required != b[i].required ||
        a[i].refused_word != b[i].refused_word || a[i].duplicated != b[i].duplicated ||
        a[i].last != b[i].last || a[i].target != b[i].target || a[i].problem != b[i].problem ||
        a[i].field != b[i].field) {
      return false;
    }
  }
  return true;
}

bool same_problems(const std::vector<staging::PolicyProblem>& a,
                   const std::vector<staging::PolicyProblem>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].variable != b[i].variable || a[i].rule != b[i].rule || a[i].detail != b[i].detail) {
      return false;
    }
  }
  return true;
}

// Where a URL variable's value holds what messages never show (url.hpp's
// redact_url, written again): the password, the values of the query's and
// fragment's secret parameters; all of a value that is not a URL. As
// (offset, length).
using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

bool ref_secret_parameter(std::string_view name) {
  const std::string lower = ref_lower(name);
  for (std::string_view word :
       {"password", "passwd", "secret", "token", "key", "signature", "credential"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

void ref_parameter_spans(std::string_view text, std::size_t offset, Spans& spans) {
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find_first_of("&;", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view parameter = text.substr(start, end - start);
    const std::size_t equals = parameter.find('=');
    if (equals != std::string_view::npos && ref_secret_parameter(parameter.substr(0, equals))) {
      spans.push_back({offset + start + equals + 1, parameter.size() - equals - 1});
    }
    if (end == text.size()) return;
    start = end + 1;
  }
}

Spans ref_redacted_spans(std::string_view value) {
  staging::UrlParts parts;
  if (!staging::parse_url(value, parts)) return {{0, value.size()}};
  Spans spans;
  const auto offset = [value](std::string_view part) {
    return static_cast<std::size_t>(part.data() - value.data());
  };
  if (parts.has_password) spans.push_back({offset(parts.password), parts.password.size()});
  const std::string_view rest = parts.rest;
  const std::size_t mark = rest.find_first_of("?#");
  if (mark == std::string_view::npos) return spans;
  const std::size_t fragment = rest[mark] == '#' ? mark : rest.find('#', mark);
  if (rest[mark] == '?') {
    const std::size_t end = fragment == std::string_view::npos ? rest.size() : fragment;
    ref_parameter_spans(rest.substr(mark + 1, end - mark - 1), offset(rest) + mark + 1, spans);
  }
  if (fragment != std::string_view::npos) {
    ref_parameter_spans(rest.substr(fragment + 1), offset(rest) + fragment + 1, spans);
  }
  return spans;
}

// The same value with every redacted byte changed, so that redact_url
// reads it the same way (a password, a parameter value or a non-URL of
// the same length).
std::string with_other_redacted(std::string_view value) {
  std::string other(value);
  for (const auto& [at, size] : ref_redacted_spans(value)) {
    for (std::size_t i = at; i < at + size; ++i) other[i] = other[i] == 'x' ? 'y' : 'x';
  }
  return other;
}

// --- Invariants of every text a user reads ----------------------------------

// Printable ASCII only, apart from the newlines the writers put between
// lines and the check marks that start a line (or follow the confirmation's
// blank line); never the skip marker.
void check_text(const std::string& text) {
  FUZZ_CHECK(text.find(kSkipMarker) == std::string::npos);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c >= 0x20 && c < 0x7f)) continue;
    FUZZ_CHECK(text.compare(i, kCheckMark.size(), kCheckMark) == 0 ||
               text.compare(i, kBallotX.size(), kBallotX) == 0);
    FUZZ_CHECK(i > 0 && text[i - 1] == '\n');
    i += kCheckMark.size() - 1;
  }
}

std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> lines = split(text, '\n');
  FUZZ_CHECK(text.empty() || text.back() == '\n');
  lines.pop_back();
  return lines;
}
// The lines would point into a destroyed string.
std::vector<std::string_view> lines_of(std::string&& text) = delete;

std::size_t line_count(const std::string& text) { return lines_of(text).size(); }


// --- The input ------------------------------------------------------------

constexpr std::string_view kKinds[] = {"custom",     "aws", "google-cloud",
                                       "kubernetes", "url", "azure-key-vault"};

staging::TargetRole role_of(unsigned char c) {
  switch (c) {
    case 'N': return staging::TargetRole::Name;
    case 'I': return staging::TargetRole::Id;
    case 'V': return staging::TargetRole::Value;
    case 'U': return staging::TargetRole::Url;
    case 'P': return staging::TargetRole::Path;
    case 'S': return staging::TargetRole::Secret;
    default: return static_cast<staging::TargetRole>(c % 6);
  }
}

struct Input {
  Input() = default;
  // The policy's views point into the input's own vectors.
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  std::string bytes;  // owns what every view below points into
  unsigned flags = 0;
  std::vector<std::string_view> allowed;
  std::vector<staging::Variable> forced;       // field 3, then the targets' added ones
  std::vector<std::string_view> pass_through;  // field 4, then the targets' added ones
  std::vector<std::string_view> secrets;       // field 5, then the targets' added secrets
  std::vector<staging::RefuseRule> refuse;
  std::vector<staging::Target> targets;
  std::vector<staging::TargetVariable> target_variables;
  std::vector<staging::TargetVariable> watched;
  std::vector<std::string_view> entries;
  std::string_view caller;
  std::string_view test_name;
  staging::Policy policy;
};

void parse(Input& input) {
  std::vector<std::string_view> fields = split(input.bytes, '\0');
  fields.resize(14);
  input.flags = fields[0].empty() ? 0u : static_cast<unsigned char>(fields[0][0]);
  const auto list = [](std::string_view field) {
    return field.empty() ? std::vector<std::string_view>{} : split(field, kListSeparator);
  };
  input.allowed = list(fields[2]);
  for (std::string_view item : list(fields[3])) {
    const auto [name, value] = pair_of(item);
    input.forced.push_back({name, value});
  }
  input.pass_through = list(fields[4]);
  input.secrets = list(fields[5]);
  for (std::string_view item : list(fields[8])) {
    const auto [name, word] = pair_of(item);
    input.refuse.push_back({name, word});
  }
  input.entries = list(fields[9]);
  input.caller = fields[10];
  input.test_name = fields[11];

  // The targets, in the order given; their variables grouped by target, as
  // the configure writes them.
  std::vector<staging::TargetVariable> variables;
  if (!fields[6].empty() || !fields[7].empty()) {
    input.targets.push_back({"vault", "azure-key-vault"});
    variables.push_back({"vault", "AZURE_KEY_VAULT_NAME", staging::TargetRole::Name, true, fields[6]});
    variables.push_back({"vault", "AZURE_KEYVAULT_URL", staging::TargetRole::Url, true, fields[7]});
  }
  for (std::string_view item : list(fields[13])) {
    if (item.size() < 3) continue;
    const staging::TargetRole role = role_of(static_cast<unsigned char>(item[0]));
    const unsigned char mode = static_cast<unsigned char>(item[1]);
    const std::string_view kind = kKinds[static_cast<unsigned char>(item[2]) % 6];
    const auto [name, value] = pair_of(item.substr(3));
    const bool lettered = mode == 'f' || mode == 'F' || mode == 'p' || mode == 'P';
    const bool forced = lettered ? mode == 'f' || mode == 'F' : (mode & 1) != 0;
    const bool added = lettered ? mode == 'f' || mode == 'p' : (mode & 2) != 0;
    const std::string_view label = kind == "url" ? name : kind;
    bool known = false;
    for (const staging::Target& target : input.targets) known = known || target.label == label;
    if (!known) input.targets.push_back({label, kind});
    variables.push_back({label, name, role, forced, value});
    if (!added) continue;
    if (forced) {
      input.forced.push_back({name, value});
    } else {
      input.pass_through.push_back(name);
      if (role == staging::TargetRole::Secret) input.secrets.push_back(name);
    }
  }
  for (const staging::Target& target : input.targets) {
    for (const staging::TargetVariable& variable : variables) {
      if (variable.target == target.label) input.target_variables.push_back(variable);
    }
  }
  // As the configure does: every kind's variable that no target gives.
  for (const staging::TargetVariable& variable : staging_test::rule_data::kWatched) {
    bool given = false;
    for (const staging::TargetVariable& own : input.target_variables) {
      given = given || own.name == variable.name;
    }
    if (!given) input.watched.push_back(variable);
  }

  staging::Policy& policy = input.policy;
  policy.enforced = fields[1];
  policy.allowed = input.allowed;
  policy.forced = input.forced;
  policy.pass_through = input.pass_through;
  policy.secrets = input.secrets;
  policy.refuse = input.refuse;
  policy.on_mismatch = (input.flags & 1) ? staging::OnMismatch::Force : staging::OnMismatch::Fail;
  policy.session_test = "staging_session";
  policy.label = "staging";
  policy.id = fields[12];
  policy.environment_words = staging_test::rule_data::kEnvironmentWords;
  policy.secret_suffixes = staging_test::rule_data::kSecretSuffixes;
  policy.secret_infixes = staging_test::rule_data::kSecretInfixes;
  policy.targets = input.targets;
  policy.target_variables = input.target_variables;
  policy.watched = input.watched;
}

Entries entries_of(const Input& input) {
  Entries entries;
  if (input.flags & 32) {
    for (const staging::Variable& variable : input.forced) {
      entries.push_back(std::string(variable.name) + "=" + std::string(variable.value));
    }
  }
  for (std::string_view entry : input.entries) entries.emplace_back(entry);
  if (input.flags & 2) entries.push_back(std::string(staging::kGuardVariable) + "=1");
  if (input.flags & 4) {
    entries.push_back(std::string((input.flags & 2) ? staging::kCallerVariable
                                                    : staging::kEnvironmentVariable) +
                      "=" + std::string(input.caller));
  }
  return entries;
}

// The name of an entry: up to its first '=' (all of it without one).
std::string_view name_of(std::string_view entry) { return entry.substr(0, entry.find('=')); }

// The caller's values are shown by design.
bool shown_by_design(std::string_view name) {
  return name == staging::kEnvironmentVariable || name == staging::kCallerVariable ||
         name == staging::kGuardVariable;
}

// Every other secret's value is never shown.
bool hidden(std::string_view name, const staging::Policy& policy) {
  return staging::is_secret_name(name, policy) && !shown_by_design(name);
}

// A URL variable's value is shown only through redact_url: never its
// password, its secret parameters' values, or a value that is not a URL.
bool url_valued(std::string_view name, const staging::Policy& policy) {
  const staging::TargetVariable* variable = ref_target_variable(policy, name);
  return variable != nullptr && variable->role == staging::TargetRole::Url &&
         !hidden(name, policy) && !shown_by_design(name);
}

// The same entries with every hidden value, and every redacted part of a
// URL variable's value, changed.
Entries with_other_secrets(const Entries& entries, const staging::Policy& policy) {
  Entries other = entries;
  for (std::string& entry : other) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos) continue;
    const std::string_view name = std::string_view(entry).substr(0, equals);
    if (hidden(name, policy)) {
      entry = entry.substr(0, equals + 1) + "\x02" + entry.substr(equals + 1) + "\x02";
    } else if (url_valued(name, policy)) {
      entry = entry.substr(0, equals + 1) + with_other_redacted(std::string_view(entry).substr(equals + 1));
    }
  }
  return other;
}

// The printed forms of what no message may contain (a hidden value, a
// redacted part of a URL variable's value): at least 8 bytes, holding an
// escape or a byte no fixed text has (so no fixed text spells them), none
// of the bytes a message puts next to a value (so none straddles a value's
// edge), and in no printed public string.
std::vector<std::string> secret_needles(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  std::vector<std::string> owned;  // redacted URLs, shown in public
  std::vector<std::string_view> shown{policy.enforced, policy.id, input.caller, input.test_name,
                                      "probe", "arg"};
  shown.insert(shown.end(), policy.allowed.begin(), policy.allowed.end());
  shown.insert(shown.end(), policy.pass_through.begin(), policy.pass_through.end());
  shown.insert(shown.end(), policy.secrets.begin(), policy.secrets.end());
  for (const staging::Variable& variable : policy.forced) {
    shown.push_back(variable.name);
    if (!hidden(variable.name, policy)) shown.push_back(variable.value);
  }
  for (const staging::RefuseRule& rule : policy.refuse) {
    shown.push_back(rule.name);
    shown.push_back(rule.word);
  }
  for (const staging::Target& target : policy.targets) {
    shown.push_back(target.label);
    shown.push_back(target.kind);
  }
  // A target's own values are the policy's, shown in the banner and the
  // Rule line whatever their names. (The configure refuses a forced value
  // of a secret's name; check_policy does not.)
  for (const staging::TargetVariable& variable : policy.target_variables) {
    shown.push_back(variable.name);
    shown.push_back(variable.value);
  }
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    if (name.size() == entry.size() || !url_valued(name, policy)) continue;
    owned.push_back(staging::redact_url(std::string_view(entry).substr(name.size() + 1)));
  }
  shown.insert(shown.end(), owned.begin(), owned.end());
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    shown.push_back(name);
    if (name.size() == entry.size() ||
        (!hidden(name, policy) && !url_valued(name, policy))) {
      shown.push_back(entry);
      if (name.size() < entry.size()) shown.push_back(std::string_view(entry).substr(name.size() + 1));
    }
  }
  std::vector<std::string> printed;
  for (std::string_view text : shown) {
    printed.push_back(staging::printable(text));
    printed.push_back(staging::upper_case(printed.back()));
    printed.push_back(staging::title_case(printed[printed.size() - 2]));
  }
  std::vector<std::string> needles;
  const auto add = [&](std::string_view secret) {
    if (secret.size() < 8) return;
    std::string needle = staging::printable(secret);
    if (needle.find_first_of("\\~|`{}") == std::string::npos ||
        needle.find_first_of(" '=,:()./") != std::string::npos) {
      return;
    }
    for (const std::string& text : printed) {
      if (text.find(needle) != std::string::npos) return;
    }
    needles.push_back(std::move(needle));
  };
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    if (name.size() == entry.size()) continue;
    const std::string_view value = std::string_view(entry).substr(name.size() + 1);
    if (hidden(name, policy)) {
      add(value);
    } else if (url_valued(name, policy)) {
      for (const auto& [at, size] : ref_redacted_spans(value)) add(value.substr(at, size));
    }
  }
  return needles;
}

void check_no_secret(const std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& needle : needles) FUZZ_CHECK(text.find(needle) == std::string::npos);
}

// --- The rules --------------------------------------------------------------

void check_rules(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  const Environment environment(entries);

  std::vector<std::string_view> texts{policy.enforced, input.caller};
  for (const staging::TargetVariable& variable : policy.target_variables) {
    texts.push_back(variable.value);
  }
  for (const std::string& entry : entries) texts.push_back(entry);
  std::vector<std::string_view> words(policy.allowed.begin(), policy.allowed.end());
  words.push_back(policy.enforced);
  for (const staging::RefuseRule& rule : policy.refuse) words.push_back(rule.word);
  for (const staging::EnvironmentWord& word : policy.environment_words) words.push_back(word.word);

  for (std::string_view text : texts) {
    FUZZ_CHECK(staging::trim_ascii_whitespace(text) == ref_trim(text));
    for (std::string_view word : words) {
      FUZZ_CHECK(staging::same_environment(text, word) == ref_same_environment(text, word));
      FUZZ_CHECK(staging::equals_ignoring_ascii_case(text, word) ==
                 (ref_lower(text) == ref_lower(word)));
      const bool found = staging::contains_word(text, word);
      FUZZ_CHECK(found == ref_contains_word(text, word));
      if (found) {
        FUZZ_CHECK(staging::contains_word(" " + std::string(text) + " ", word));
        FUZZ_CHECK(staging::contains_word(staging::upper_case(text), word));
      }
    }
    const staging::EnvironmentWord* word = staging::environment_word_in(text, policy);
    const staging::EnvironmentWord* expected = nullptr;
    for (const staging::EnvironmentWord& candidate : policy.environment_words) {
      if (ref_contains_word(text, candidate.word)) {
        expected = &candidate;
        break;
      }
    }
    FUZZ_CHECK(word == expected);
  }

  for (const std::string& entry : entries) {
    FUZZ_CHECK(staging::is_secret_name(name_of(entry), policy) ==
               ref_is_secret_name(name_of(entry), policy));
  }
  for (std::string_view name : policy.pass_through) {
    FUZZ_CHECK(staging::is_secret_name(name, policy) == ref_is_secret_name(name, policy));
  }

  // The target variables: which one a name is, and when a caller's value
  // is the configured one.
  std::vector<std::string_view> names;
  for (const std::string& entry : entries) names.push_back(name_of(entry));
  for (const staging::TargetVariable& variable : policy.target_variables) names.push_back(variable.name);
  for (const staging::TargetVariable& variable : policy.watched) names.push_back(variable.name);
  for (std::string_view name : names) {
    FUZZ_CHECK(staging::find_target_variable(policy, name) == ref_target_variable(policy, name));
  }
  std::vector<std::string_view> values{input.caller};
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    if (name.size() < entry.size()) values.push_back(std::string_view(entry).substr(name.size() + 1));
  }
  for (const staging::TargetVariable& variable : policy.target_variables) {
    values.push_back(variable.value);
  }
  for (const staging::TargetVariable& variable : policy.target_variables) {
    for (std::string_view value : values) {
      FUZZ_CHECK(staging::same_target_value(variable, value) ==
                 ref_same_target_value(variable, value));
    }
  }

  // Scan: the policy's names, and every name the entries hold.
  const std::vector<std::string_view> checked = staging::checked_variable_names(policy);
  FUZZ_CHECK(checked == ref_checked_names(policy));
  std::vector<std::string_view> every = checked;
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry.c_str());
    if (std::find(every.begin(), every.end(), name) == every.end()) every.push_back(name);
  }
  for (const std::vector<std::string_view>* scanned :
       std::initializer_list<const std::vector<std::string_view>*>{&checked, &every}) {
    staging::Scan scan(*scanned);
    scan.run(environment);
    FUZZ_CHECK(scan.names() == *scanned);
    for (std::string_view name : *scanned) {
      const staging::Found& found = scan.get(name);
      const RefFound expected = ref_find(entries, name);
      // A name holding '=' never matches an entry's name; an empty one
      // matches "=..." entries only through another name's first byte.
      if (name.empty()) continue;
      FUZZ_CHECK(found.value == expected.first);
      FUZZ_CHECK(found.duplicated == (expected.count > 1));
      FUZZ_CHECK(found.last == (expected.count > 1 ? expected.last : std::string_view{}));
    }
  }

  // decide_caller: no value, an allowed one by the rule, or the policy's answer.
  for (const std::optional<std::string_view> caller :
       {std::optional<std::string_view>{}, std::optional<std::string_view>{input.caller},
        staging::first_value(environment, staging::kEnvironmentVariable)}) {
    const staging::CallerDecision decision = staging::decide_caller(policy, caller);
    bool allowed = false;
    for (std::string_view name : policy.allowed) {
      allowed = allowed || (caller && ref_same_environment(*caller, name));
    }
    if (!caller || ref_trim(*caller).empty()) {
      FUZZ_CHECK(decision == staging::CallerDecision::Forced);
    } else if (allowed) {
      FUZZ_CHECK(decision == staging::CallerDecision::Allowed);
    } else {
      FUZZ_CHECK(decision == (policy.on_mismatch == staging::OnMismatch::Force
                                  ? staging::CallerDecision::Overridden
                                  : staging::CallerDecision::Refused));
    }
  }

  const staging::Caller caller = staging::read_caller(environment);
  FUZZ_CHECK(caller.guarded == ref_find(entries, staging::kGuardVariable).first.has_value());
  FUZZ_CHECK(caller.value == ref_find(entries, caller.guarded ? staging::kCallerVariable
                                                              : staging::kEnvironmentVariable)
                                 .first);

  staging::Scan scan(checked);
  scan.run(environment);
  for (staging::Absent absent : {staging::Absent::IsViolation, staging::Absent::IsAllowed}) {
    const std::vector<staging::Violation> violations =
        staging::check_environment(policy, scan, absent);
    FUZZ_CHECK(same_violations(violations, ref_check_environment(policy, entries, absent)));
    if (violations.empty()) FUZZ_CHECK(violations.capacity() == 0);
  }
  FUZZ_CHECK(same_violations(staging::check_caller_values(policy, scan),
                             ref_check_caller_values(policy, entries)));

  // No FIELD rules in these policies: nothing to read, nothing found.
  std::vector<std::string> contents;
  FUZZ_CHECK(staging::check_target_fields(
                 policy, scan, [](std::string_view) -> std::optional<std::string> {
                   fail("check_target_fields read a file", __LINE__);
                 },
                 contents)
                 .empty());

  const std::vector<staging::PolicyProblem> problems = staging::check_policy(policy);
  FUZZ_CHECK(same_problems(problems, ref_check_policy(policy)));
  if (problems.empty()) {
    // What a consistent policy promises the rules above.
    for (const staging::TargetVariable& variable : policy.target_variables) {
      const staging::Variable* forced = ref_forced(policy, variable.name);
      FUZZ_CHECK(variable.forced == (forced != nullptr));
      if (variable.forced) {
        FUZZ_CHECK(forced->value == variable.value);
        const RefJudged judged = ref_judged(variable, variable.value);
        FUZZ_CHECK(judged.readable && ref_judged_word(judged, policy).empty());
        // The configured value is its own target: never a Differs.
        FUZZ_CHECK(staging::same_target_value(variable, variable.value));
      }
    }
  }
}

// --- The messages -----------------------------------------------------------

void check_printable(std::string_view value) {
  const std::string printed = staging::printable(value);
  FUZZ_CHECK(printed == ref_printable(value));
  FUZZ_CHECK(printed.find('\n') == std::string::npos);
  FUZZ_CHECK(printed.find('[') == std::string::npos);
  FUZZ_CHECK(printed.size() <= 200 + std::string("... ( bytes)").size() + 20);
  check_text(printed);
  check_text(staging::upper_case(printed));
  check_text(staging::title_case(printed));
}

// Secret values, and the redacted parts of URL variables' values,
// replaced; everything else the same.
std::vector<staging::Violation> redacted(const std::vector<staging::Violation>& violations,
                                         const staging::Policy& policy,
                                         std::vector<std::string>& storage) {
  storage.clear();
  // The views below point into `storage`: it must never move a string.
  storage.reserve(violations.size() * 3);
  std::vector<staging::Violation> result = violations;
  for (staging::Violation& violation : result) {
    if (url_valued(violation.name, policy)) {
      if (violation.found) {
        storage.push_back(with_other_redacted(*violation.found));
        violation.found = storage.back();
      }
      storage.push_back(with_other_redacted(violation.last));
      violation.last = storage.back();
      continue;
    }
    if (!staging::is_secret_name(violation.name, policy)) continue;
    if (violation.found) {
      storage.push_back("\x02" + std::string(*violation.found) + "\x02");
      violation.found = storage.back();
    }
    storage.push_back("\x04" + std::string(violation.last));
    violation.last = storage.back();
    if (violation.refused_word.empty()) {
      storage.push_back("\x03" + std::string(violation.required));
      violation.required = storage.back();
    }
  }
  return result;
}

void check_violation_writers(const std::vector<staging::Violation>& violations,
                             const Input& input, const std::vector<std::string>& needles) {
  const staging::Policy& policy = input.policy;
  std::vector<std::string> storage;
  const std::vector<staging::Violation> other = redacted(violations, policy, storage);
  const std::string test_lead = "StagingTests: test '" + staging::printable(input.test_name) + "' ";

  std::ostringstream test;
  std::ostringstream test_other;
  staging::write_test_violations(test, input.test_name, violations, policy);
  staging::write_test_violations(test_other, input.test_name, other, policy);
  FUZZ_CHECK(test.str() == test_other.str());
  check_text(test.str());
  check_no_secret(test.str(), needles);
  const std::string test_text = test.str();
  FUZZ_CHECK(line_count(test_text) == violations.size());
  for (std::string_view line : lines_of(test_text)) {
    FUZZ_CHECK(starts_with(line, test_lead + "refused: "));
  }

  for (staging::GuardPhase phase : {staging::GuardPhase::BeforeTest, staging::GuardPhase::AfterTest,
                                    staging::GuardPhase::AtExit}) {
    std::ostringstream guard;
    std::ostringstream guard_other;
    staging::write_guard_violations(guard, input.test_name, phase, violations, policy);
    staging::write_guard_violations(guard_other, input.test_name, phase, other, policy);
    FUZZ_CHECK(guard.str() == guard_other.str());
    check_text(guard.str());
    check_no_secret(guard.str(), needles);
    const std::string guard_text = guard.str();
    FUZZ_CHECK(line_count(guard_text) == violations.size());
    for (std::string_view line : lines_of(guard_text)) FUZZ_CHECK(starts_with(line, test_lead));
  }

  std::ostringstream process;
  std::ostringstream process_other;
  staging::write_process_violations(process, input.test_name, input.caller, violations, policy);
  staging::write_process_violations(process_other, input.test_name, input.caller, other, policy);
  FUZZ_CHECK(process.str() == process_other.str());
  check_text(process.str());
  check_no_secret(process.str(), needles);
  FUZZ_CHECK(line_count(process.str()) == std::max<std::size_t>(violations.size(), 1) + 1);

  for (bool guarded : {false, true}) {
    std::ostringstream session;
    std::ostringstream session_other;
    staging::write_session_violations(session, violations, policy, guarded);
    staging::write_session_violations(session_other, other, policy, guarded);
    FUZZ_CHECK(session.str() == session_other.str());
    check_text(session.str());
    check_no_secret(session.str(), needles);
    const std::string session_text = session.str();
    const std::vector<std::string_view> lines = lines_of(session_text);
    // One line each, then at most a Fix for a FIELD's file, one for a
    // value that is not a URL, one for duplicates, the table (7), a Fix, a
    // Rule and a Fix.
    FUZZ_CHECK(lines.size() >= violations.size() && lines.size() <= violations.size() + 13);
    for (std::size_t i = 0; i < violations.size(); ++i) {
      FUZZ_CHECK(starts_with(lines[i], "StagingTests: session refused: "));
    }
  }
}

void check_messages(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  const Environment environment(entries);
  for (std::string_view text : {policy.enforced, input.caller, input.test_name, policy.id}) {
    check_printable(text);
  }
  for (const staging::TargetVariable& variable : policy.target_variables) {
    check_printable(variable.value);
  }
  for (const std::string& entry : entries) check_printable(entry);
  const std::vector<std::string> needles = secret_needles(input, entries);

  const Environment other(with_other_secrets(entries, policy));
  for (staging::CallerDecision decision :
       {staging::CallerDecision::Forced, staging::CallerDecision::Allowed,
        staging::CallerDecision::Refused, staging::CallerDecision::Overridden}) {
    std::ostringstream banner;
    std::ostringstream banner_other;
    staging::write_banner(banner, policy, environment, decision, input.caller);
    staging::write_banner(banner_other, policy, other, decision, input.caller);
    FUZZ_CHECK(banner.str() == banner_other.str());
    check_text(banner.str());
    check_no_secret(banner.str(), needles);
    const bool note = decision == staging::CallerDecision::Overridden;
    // The network guard's lines: its mode, then, when it is on, the
    // programs that may run unguarded and any unguarded tests.
    const bool network = policy.network.mode != staging::NetworkMode::Off;
    const std::size_t network_lines =
        1 + (network ? 1 + (policy.network.unguarded_tests.empty() ? 0 : 1) : 0);
    // The vault's line, always, then one for each other target.
    bool vault = false;
    for (const staging::Target& target : policy.targets) {
      vault = vault || target.kind == "azure-key-vault";
    }
    const std::size_t target_lines = policy.targets.size() - (vault ? 1 : 0);
    FUZZ_CHECK(line_count(banner.str()) == 6 + target_lines + network_lines +
                                               policy.pass_through.size() + (note ? 1 : 0));
  }

  std::ostringstream confirmation;
  staging::write_confirmation(confirmation, policy);
  check_text(confirmation.str());
  FUZZ_CHECK(line_count(confirmation.str()) == 2);

  std::ostringstream refusal;
  staging::write_refusal(refusal, policy, input.caller);
  check_text(refusal.str());
  const std::string refusal_text = refusal.str();
  const std::vector<std::string_view> refusal_lines = lines_of(refusal_text);
  FUZZ_CHECK(refusal_lines.size() == 4 ||
             (refusal_lines.size() == 11 && refusal_lines[3] == "Environments:"));
  FUZZ_CHECK(refusal_lines[1] == "Current environment: " + staging::printable(input.caller));

  staging::Scan scan(staging::checked_variable_names(policy));
  scan.run(environment);
  std::vector<staging::Violation> violations =
      staging::check_environment(policy, scan, staging::Absent::IsViolation);
  for (const auto& more : {staging::check_environment(policy, scan, staging::Absent::IsAllowed),
                           staging::check_caller_values(policy, scan)}) {
    violations.insert(violations.end(), more.begin(), more.end());
  }
  // Every entry as a forced, a refused and a duplicated violation, secrets
  // included, and as its target variable's (when it is one) Differs and
  // NotUrl. (A required value is always the policy's own, so a URL
  // variable's value is never one.)
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    const std::string_view value =
        name.size() < entry.size() ? std::string_view(entry).substr(name.size() + 1) : "";
    violations.push_back(ref_violation(name, value, policy.enforced));
    violations.push_back(ref_violation(name, value, {}, "prod"));
    if (!url_valued(name, policy)) violations.push_back(ref_violation(name, std::nullopt, value));
    violations.push_back(ref_violation(name, value, {}, {}, true, value));
    if (const staging::TargetVariable* variable = ref_target_variable(policy, name)) {
      violations.push_back(ref_violation(name, value, variable->value, {}, false, {}, variable,
                                         staging::TargetProblem::Differs));
      violations.push_back(ref_violation(name, value, {}, {}, false, {}, variable,
                                         staging::TargetProblem::NotUrl));
      violations.push_back(ref_violation(name, value, {}, "uat", false, {}, variable));
    }
  }
  check_violation_writers(violations, input, needles);
  // Alone, each shows its own table and fixes; a few keep the fuzzer fast.
  for (std::size_t i = 0; i < violations.size() && i < 8; ++i) {
    check_violation_writers({violations[i]}, input, needles);
  }

  const std::vector<staging::PolicyProblem> problems = staging::check_policy(policy);
  std::ostringstream policy_problems;
  staging::write_policy_problems(policy_problems, problems, policy);
  check_text(policy_problems.str());
  FUZZ_CHECK(line_count(policy_problems.str()) == problems.size() + 1);

  std::vector<std::ostringstream> single(8);
  staging::write_stale_policy(single[0], policy.id, input.test_name);
  staging::write_session_missing(single[1], input.test_name, policy);
  staging::write_record_failure(single[2], input.test_name, input.caller,
                                staging::RecordResult::NotRegularFile, 0);
  staging::write_record_failure(single[3], input.test_name, input.caller,
                                staging::RecordResult::NoDirectory, 0);
  staging::write_record_failure(single[4], input.test_name, input.caller,
                                staging::RecordResult::Failed, ENOSPC);
  staging::write_run_directory_failure(single[5], input.caller, EEXIST);
  staging::write_exec_failure(single[6], input.test_name, input.caller, ENOENT);
  staging::write_silenced_guard(single[7]);
  const std::size_t lines[] = {2, 2, 2, 2, 2, 2, 1, 2};
  for (std::size_t i = 0; i < single.size(); ++i) {
    check_text(single[i].str());
    check_no_secret(single[i].str(), needles);
    FUZZ_CHECK(line_count(single[i].str()) == lines[i]);
  }

  for (staging::UsageError error :
       {staging::UsageError::NoMode, staging::UsageError::UnknownMode,
        staging::UsageError::UnexpectedArgument, staging::UsageError::MissingOption,
        staging::UsageError::MissingSeparator, staging::UsageError::MissingCommand}) {
    std::ostringstream usage;
    staging::write_usage_error(usage, error, input.test_name);
    check_text(usage.str());
    FUZZ_CHECK(line_count(usage.str()) == 5);
  }

  // The checklist of a record whose names are the entries.
  staging::RunSummary summary;
  summary.session = (input.flags & 128) != 0;
  summary.readable = (input.flags & 16) == 0;
  summary.malformed = input.flags & 64;
  std::size_t at = 0;
  for (const std::string& entry : entries) {
    summary.entries.push_back({(at & 1) ? staging::RunOutcome::Refused : staging::RunOutcome::Ok,
                               static_cast<staging::RunLayer>(at % 6), entry});
    ++at;
  }
  std::ostringstream checklist;
  staging::write_checklist(checklist, policy, summary);
  check_text(checklist.str());
  check_no_secret(checklist.str(), {});
  FUZZ_CHECK(line_count(checklist.str()) <= 11);
}

// --- The modes ------------------------------------------------------------

// One run directory for the whole process, its record emptied after each
// input: a fuzzer runs millions of inputs. Under STAGING_TESTS_FUZZ_WORK
// (run_fuzzer.py sets it: libFuzzer ends without running exit handlers),
// else in the temporary directory.
const std::filesystem::path& run_directory() {
  // Never destroyed: the handler that removes it runs after static
  // destructors.
  static const std::filesystem::path* const path = [] {
    std::error_code error;
    std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) base = "/tmp";
    char name[64];
    std::snprintf(name, sizeof name, "staging_fuzz_policy_%ld", static_cast<long>(::getpid()));
    if (const char* work = std::getenv("STAGING_TESTS_FUZZ_WORK"); work != nullptr && *work) {
      base = work;
    }
    auto* made = new std::filesystem::path(base / name / "runs" / "20260101T000000-fuzz");
    std::filesystem::create_directories(*made, error);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(run_directory().parent_path().parent_path(), ignored);
    });
    return made;
  }();
  return *path;
}

struct Outcome {
  int code;
  std::string out;
  std::string err;
  int calls;
  std::vector<std::string> args;
  std::string run_dir;
};

Outcome run(const Input& input, const staging::Environment& environment,
            std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "staging_tests_check");
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const Exec exec((input.flags & 16) != 0);
  std::ostringstream out;
  std::ostringstream err;
  const int code = staging::run_mode(input.policy, environment, static_cast<int>(arguments.size()),
                                     argv.data(), out, err, exec);
  return {code, out.str(), err.str(), exec.calls, exec.args, exec.run_dir};
}

std::string read_log() {
  std::error_code ignored;
  if (!std::filesystem::exists(run_directory() / "tests.log", ignored)) return {};
  std::ifstream file(run_directory() / "tests.log", std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

// Secrets never change what is printed: with every secret value changed, a
// run that reaches the same verdicts prints the same text.
bool same_verdicts(const Input& input, const Entries& a, const Entries& b) {
  const auto shape = [&input](const Entries& entries) {
    std::string result;
    for (staging::Absent absent : {staging::Absent::IsViolation, staging::Absent::IsAllowed}) {
      for (const staging::Violation& violation : ref_check_environment(input.policy, entries, absent)) {
        result += std::string(violation.name) + '\0' + std::string(violation.refused_word) +
                  (violation.found ? "+" : "-") + (violation.duplicated ? "2" : "1") + '\0';
      }
      result += '\1';
    }
    for (const staging::Violation& violation : ref_check_caller_values(input.policy, entries)) {
      result += std::string(violation.name) + '\0';
    }
    return result;
  };
  return shape(a) == shape(b);
}

void check_modes(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  const Environment environment(entries);
  const Entries other_entries = with_other_secrets(entries, policy);
  const Environment other(other_entries);
  const bool comparable = same_verdicts(input, entries, other_entries);
  const bool consistent = staging::check_policy(policy).empty();
  const std::vector<std::string> needles = secret_needles(input, entries);
  const std::filesystem::path& run_dir = run_directory();
  const std::filesystem::path stamp = run_dir / "session.ok";
  const std::string test_name(input.test_name);
  const bool outside = (input.flags & 64) != 0;
  const std::string id = (input.flags & 8) ? std::string(policy.id) : std::string(policy.id) + "x";
  // While the doctor lists the suite, nothing runs: no session, test or
  // checklist.
  const bool listing = ref_find(entries, staging::kDoctorListingVariable).first.has_value();

  std::vector<std::string> run_arguments{"run", "--run-dir", run_dir.string(), "--test", test_name};
  if (outside) run_arguments.push_back("--outside");
  run_arguments.insert(run_arguments.end(), {"--", "probe", "arg"});
  const std::vector<std::vector<std::string>> modes{
      {"guard", "--policy-id", id},
      {"session", "--run-dir", run_dir.string()},
      run_arguments,
      {"checklist", "--run-dir", run_dir.string()},
      {"process", "--run-dir", run_dir.string(), "--test", test_name, "--", "probe"}};

  for (const std::vector<std::string>& mode : modes) {
    std::error_code ignored;
    // File operations are most of the fuzzer's time: only those that
    // change something are made.
    const auto prepare = [&] {
      if (std::filesystem::exists(run_dir / "tests.log", ignored)) {
        std::filesystem::remove(run_dir / "tests.log", ignored);
      }
      const bool wanted = mode[0] != "session" && (input.flags & 128) != 0;
      if (staging::session_stamp_exists(run_dir.string()) != wanted) {
        if (wanted) {
          std::ofstream(stamp, std::ios::binary) << "ok\n";
        } else {
          std::filesystem::remove(stamp, ignored);
        }
      }
    };
    prepare();
    const Outcome outcome = run(input, environment, mode);
    const std::string log = read_log();
    check_text(outcome.out);
    check_text(outcome.err);
    check_no_secret(outcome.out + outcome.err, needles);
    if (comparable && mode[0] != "checklist") {
      prepare();
      const Outcome with_other = run(input, other, mode);
      FUZZ_CHECK(outcome.code == with_other.code);
      FUZZ_CHECK(outcome.out == with_other.out);
      FUZZ_CHECK(outcome.err == with_other.err);
    }
    if (mode[0] != "run") FUZZ_CHECK(outcome.calls == 0);

    if (mode[0] == "guard") {
      FUZZ_CHECK(outcome.out.empty());
      if ((input.flags & 8) == 0) {
        FUZZ_CHECK(outcome.code == staging::kExitStalePolicy);
        continue;
      }
      const std::optional<std::string_view> caller =
          ref_find(entries, staging::kEnvironmentVariable).first;
      const bool refused = !consistent ||
                           staging::decide_caller(policy, caller) == staging::CallerDecision::Refused ||
                           !ref_check_caller_values(policy, entries).empty();
      FUZZ_CHECK(outcome.code == (refused ? staging::kExitRefused : staging::kExitOk));
      FUZZ_CHECK((outcome.err.find("\n" + std::string(kCheckMark) + " Confirmed: ") !=
                  std::string::npos) == !refused);
    } else if (listing && mode[0] != "process") {
      FUZZ_CHECK(outcome.code ==
                 (mode[0] == "checklist" ? staging::kExitRefused : staging::kExitTerminate));
      FUZZ_CHECK(outcome.out.empty() && !outcome.err.empty() && log.empty());
    } else if (mode[0] == "session") {
      const staging::Caller caller = staging::read_caller(environment);
      std::vector<staging::Violation> violations = ref_check_environment(
          policy, entries, caller.guarded ? staging::Absent::IsViolation : staging::Absent::IsAllowed);
      if (!caller.guarded) {
        violations.erase(std::remove_if(violations.begin(), violations.end(),
                                        [](const staging::Violation& violation) {
                                          return violation.name == staging::kEnvironmentVariable &&
                                                 violation.refused_word.empty() &&
                                                 !violation.duplicated;
                                        }),
                         violations.end());
      }
      const bool refused = !consistent ||
                           staging::decide_caller(policy, caller.value) ==
                               staging::CallerDecision::Refused ||
                           !violations.empty();
      FUZZ_CHECK(outcome.code == (refused ? staging::kExitTerminate : staging::kExitOk));
      FUZZ_CHECK(staging::session_stamp_exists(run_dir.string()) == !refused);
      FUZZ_CHECK(refused ? outcome.out.empty()
                         : outcome.out.find("\n" + std::string(kCheckMark) + " Confirmed: ") !=
                               std::string::npos);
    } else if (mode[0] == "run") {
      FUZZ_CHECK(outcome.out.empty());
      const std::vector<staging::Violation> violations =
          ref_check_environment(policy, entries, staging::Absent::IsViolation);
      const std::string layer = outside ? "outside " : "check ";
      std::string name = test_name.substr(0, 1000);
      std::replace(name.begin(), name.end(), '\n', ' ');
      std::replace(name.begin(), name.end(), '\r', ' ');
      if (!violations.empty()) {
        FUZZ_CHECK(outcome.code == staging::kExitTerminate && outcome.calls == 0);
        FUZZ_CHECK(line_count(outcome.err) == violations.size());
        FUZZ_CHECK(starts_with(log, "refused " + layer));
        FUZZ_CHECK(line_count(log) == 1);
      } else if (!outside && !(input.flags & 128)) {
        FUZZ_CHECK(outcome.code == staging::kExitTerminate && outcome.calls == 0);
        FUZZ_CHECK(log.empty());
      } else {
        FUZZ_CHECK(outcome.calls == 1);
        FUZZ_CHECK(outcome.args == (std::vector<std::string>{"probe", "arg"}));
        FUZZ_CHECK(outcome.run_dir == run_dir.string());
        FUZZ_CHECK(outcome.code == ((input.flags & 16) ? staging::kExitTerminate : 42));
        FUZZ_CHECK(starts_with(log, "ok " + layer + name.substr(0, 10)));
        FUZZ_CHECK(line_count(log) == 1);
        FUZZ_CHECK(outcome.err.empty() == ((input.flags & 16) == 0));
      }
    } else if (mode[0] == "checklist") {
      // Nothing recorded: no test ran, so no stamp makes it a success.
      FUZZ_CHECK(outcome.code == staging::kExitRefused);
      FUZZ_CHECK(outcome.err.empty());
    } else {
      FUZZ_CHECK(outcome.code == staging::kExitTerminate);
      FUZZ_CHECK(outcome.out.empty());
      FUZZ_CHECK(starts_with(log, "refused process "));
    }
  }
}

// --- The in-binary guard ------------------------------------------------------

void check_in_binary_guard(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  // The guard's policy is compiled, so validated at configure time.
  if (!staging::check_policy(policy).empty()) return;
  std::vector<std::string_view> forced_names;
  for (const staging::Variable& variable : policy.forced) {
    // A policy that forces one name twice, or a name no entry can hold,
    // cannot be satisfied by assignment: the checks above cover it.
    if (variable.name.empty() || variable.name.find('=') != std::string_view::npos ||
        std::find(forced_names.begin(), forced_names.end(), variable.name) != forced_names.end()) {
      return;
    }
    forced_names.push_back(variable.name);
  }
  Environment environment(entries);
  staging::InBinaryGuard guard(policy, environment);
  guard.start();
  const std::optional<std::string_view> caller =
      ref_find(entries, staging::kEnvironmentVariable).first;
  const bool refused =
      staging::decide_caller(policy, caller) == staging::CallerDecision::Refused ||
      !ref_check_caller_values(policy, entries).empty();
  FUZZ_CHECK(guard.refusal().empty() == !refused);
  check_text(guard.refusal());
  check_no_secret(guard.refusal(), secret_needles(input, entries));
  // Forced whatever the verdict: each forced variable once, with its value.
  for (const staging::Variable& variable : policy.forced) {
    const RefFound found = ref_find(environment.list(), variable.name);
    FUZZ_CHECK(found.count == 1 && found.first == variable.value);
  }
  const bool clean =
      ref_check_environment(policy, environment.list(), staging::Absent::IsViolation).empty();
  const std::string first = guard.check(input.test_name, staging::GuardPhase::BeforeTest);
  FUZZ_CHECK(first.empty() == clean);
  FUZZ_CHECK(guard.violated() == !clean);
  check_text(first);

  // A case adds a second entry of a forced variable: caught, and put back.
  if (policy.forced.empty()) return;
  const staging::Variable& variable = policy.forced[0];
  environment.append(std::string(variable.name) + "=" + std::string(input.caller));
  const std::string second = guard.check(input.test_name, staging::GuardPhase::AfterTest);
  FUZZ_CHECK(!second.empty() && guard.violated());
  check_text(second);
  const RefFound found = ref_find(environment.list(), variable.name);
  FUZZ_CHECK(found.count == 1 && found.first == variable.value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input input;
  input.bytes.assign(reinterpret_cast<const char*>(data), size);
  parse(input);
  const Entries entries = entries_of(input);
  check_rules(input, entries);
  check_messages(input, entries);
  check_modes(input, entries);
  check_in_binary_guard(input, entries);
  return 0;
}
