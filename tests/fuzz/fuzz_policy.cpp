// libFuzzer target for the check program's rules and messages
// (templates/check/staging): builds a Policy and an Environment from the
// input, runs every rule against an independently written oracle, every
// message writer and every mode of run_mode(), and aborts when an invariant
// breaks. Built twice: with clang -fsanitize=fuzzer (the fuzz.policy test)
// and, with replay_main.cpp, as a plain program that replays the corpus and
// the regressions (the fuzz.regressions test, any compiler).
//
// Input: fields separated by NUL (a process environment cannot hold one
// either); list fields hold items separated by 0x1e; entries are NAME=value,
// split at the first '=' so that '=' inside a value survives.
//
//   0 flags (first byte): 1 ON_MISMATCH FORCE, 2 under the ctest guard,
//     4 the caller set ENVIRONMENT (field 10), 8 guard gets the right policy
//     id, 16 exec fails, 32 every forced variable is set first (as ctest does)
//   1 enforced   2 allowed (list)   3 forced (list of NAME=value)
//   4 pass-through (list)   5 secrets (list)   6 vault name   7 vault URL
//   8 refuse (list of NAME=word)   9 environment (list of NAME=value)
//   10 the caller's ENVIRONMENT   11 test name   12 policy id
//
// tests/fuzz/README.md says how to run it and how to keep a crash.
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "staging/environment.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"

namespace {

[[noreturn]] void fail(const char* what, int line) {
  std::fprintf(stderr, "fuzz_policy.cpp:%d: invariant broken: %s\n", line, what);
  std::abort();
}

#define FUZZ_CHECK(condition)                   \
  do {                                          \
    if (!(condition)) fail(#condition, __LINE__); \
  } while (false)

// The skip marker, never spelt in a source (see tests/unit/fakes.hpp).
const std::string kSkipMarker = std::string("[ ") + " SKIPPED ]";
constexpr std::string_view kCheckMark = "\xe2\x9c\x93";
constexpr char kListSeparator = '\x1e';

class Environment final : public staging::Environment {
 public:
  std::optional<std::string_view> get(std::string_view name) const override {
    const auto found = variables_.find(name);
    if (found == variables_.end()) return std::nullopt;
    return std::string_view(found->second);
  }
  void set(std::string_view name, std::string_view value) {
    variables_[std::string(name)] = std::string(value);
  }
  void unset(std::string_view name) { variables_.erase(std::string(name)); }
  const std::map<std::string, std::string, std::less<>>& variables() const { return variables_; }
  std::map<std::string, std::string, std::less<>>& variables() { return variables_; }

 private:
  std::map<std::string, std::string, std::less<>> variables_;
};

class Exec final : public staging::Exec {
 public:
  explicit Exec(bool fails) : fails_(fails) {}
  staging::ExecResult exec(char* const argv[]) const override {
    ++calls;
    FUZZ_CHECK(argv[0] != nullptr);
    if (fails_) return {false, 0, ENOENT};
    return {true, 42, 0};
  }
  mutable int calls = 0;

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

std::pair<std::string_view, std::string_view> entry(std::string_view item) {
  const std::size_t equals = item.find('=');
  if (equals == std::string_view::npos) return {item, {}};
  return {item.substr(0, equals), item.substr(equals + 1)};
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
bool ref_is_secret_name(std::string_view name, const staging::Policy& policy) {
  const std::string lower = ref_lower(name);
  const auto ends_with = [&lower](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("_key") || ends_with("_secret") || ends_with("_token") ||
      lower.find("password") != std::string::npos) {
    return true;
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

// --- Invariants of every text a user reads ----------------------------------

// One line each: printable ASCII only, apart from the newlines the writers
// put between lines and the confirmation's check mark; never the skip marker.
void check_text(const std::string& text) {
  FUZZ_CHECK(text.find(kSkipMarker) == std::string::npos);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c >= 0x20 && c < 0x7f)) continue;
    FUZZ_CHECK(text.compare(i, kCheckMark.size(), kCheckMark) == 0);
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

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// A line a guard or session run may print: every value is inside one.
bool known_line(std::string_view line, const staging::Policy& policy) {
  static constexpr std::string_view kPrefixes[] = {
      "StagingTests: ", "Fix: ", "Rule: ", "Environments:", "  ", "ERROR: ",
      "Current environment: ", "Allowed environments: ", "=====", "CTEST CONFIGURATION: ",
      "Environment: ", "Note: ", "Vault: ", "\xe2\x9c\x93 Confirmed: ",
      "staging_tests_check: ", "usage: ", "       staging_tests_check "};
  if (line.empty()) return true;
  for (std::string_view prefix : kPrefixes) {
    if (starts_with(line, prefix)) return true;
  }
  for (std::string_view name : policy.pass_through) {
    if (starts_with(line, staging::printable(name) + ": ")) return true;
  }
  return false;
}

// --- The input ------------------------------------------------------------

struct Input {
  std::string bytes;  // owns what every view below points into
  unsigned flags = 0;
  std::vector<std::string_view> allowed;
  std::vector<staging::Variable> forced;
  std::vector<std::string_view> pass_through;
  std::vector<std::string_view> secrets;
  std::vector<staging::RefuseRule> refuse;
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  std::string_view caller;
  std::string_view test_name;
  staging::Policy policy;
};

void parse(Input& input) {
  std::vector<std::string_view> fields = split(input.bytes, '\0');
  fields.resize(13);
  input.flags = fields[0].empty() ? 0u : static_cast<unsigned char>(fields[0][0]);
  const auto list = [](std::string_view field) {
    return field.empty() ? std::vector<std::string_view>{} : split(field, kListSeparator);
  };
  input.allowed = list(fields[2]);
  for (std::string_view item : list(fields[3])) {
    const auto [name, value] = entry(item);
    input.forced.push_back({name, value});
  }
  input.pass_through = list(fields[4]);
  input.secrets = list(fields[5]);
  for (std::string_view item : list(fields[8])) {
    const auto [name, word] = entry(item);
    input.refuse.push_back({name, word});
  }
  for (std::string_view item : list(fields[9])) input.entries.push_back(entry(item));
  input.caller = fields[10];
  input.test_name = fields[11];

  staging::Policy& policy = input.policy;
  policy.enforced = fields[1];
  policy.allowed = input.allowed;
  policy.forced = input.forced;
  policy.pass_through = input.pass_through;
  policy.secrets = input.secrets;
  policy.refuse = input.refuse;
  policy.on_mismatch = (input.flags & 1) ? staging::OnMismatch::Force : staging::OnMismatch::Fail;
  policy.vault_name = fields[6];
  policy.vault_url = fields[7];
  policy.id = fields[12];
}

Environment environment_of(const Input& input) {
  Environment environment;
  if (input.flags & 32) {
    for (const staging::Variable& variable : input.forced) {
      environment.set(variable.name, variable.value);
    }
  }
  for (const auto& [name, value] : input.entries) environment.set(name, value);
  if (input.flags & 2) environment.set(staging::kGuardVariable, "1");
  if (input.flags & 4) {
    environment.set((input.flags & 2) ? staging::kCallerVariable : staging::kEnvironmentVariable,
                    input.caller);
  }
  // The run record is a file: the fuzzer writes none.
  environment.unset(staging::kRunDirectoryVariable);
  return environment;
}

// The caller's values are shown by design; every other secret's value never.
bool hidden(std::string_view name, const staging::Policy& policy) {
  return staging::is_secret_name(name, policy) && name != staging::kEnvironmentVariable &&
         name != staging::kCallerVariable && name != staging::kGuardVariable;
}

// The same environment with every hidden value changed.
Environment with_other_secrets(const Environment& environment, const staging::Policy& policy) {
  Environment other = environment;
  for (auto& [name, value] : other.variables()) {
    if (hidden(name, policy)) value = "\x02" + value + "\x02";
  }
  return other;
}

// The printed forms of hidden values that no message may contain: at least
// 8 bytes, holding an escape (so no fixed text spells them), none of the
// bytes a message puts next to a value (so none straddles a value's edge),
// and in no printed public string.
std::vector<std::string> secret_needles(const Input& input, const Environment& environment) {
  const staging::Policy& policy = input.policy;
  std::vector<std::string_view> shown{policy.enforced, policy.vault_name, policy.vault_url,
                                      policy.id, input.caller, input.test_name, "probe", "arg"};
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
  for (const auto& [name, value] : environment.variables()) {
    shown.push_back(name);
    if (!hidden(name, policy)) shown.push_back(value);
  }
  std::vector<std::string> printed;
  for (std::string_view text : shown) {
    printed.push_back(staging::printable(text));
    printed.push_back(staging::upper_case(printed.back()));
    printed.push_back(staging::title_case(printed[printed.size() - 2]));
  }
  std::vector<std::string> needles;
  for (const auto& [name, value] : environment.variables()) {
    if (!hidden(name, policy) || value.size() < 8) continue;
    std::string needle = staging::printable(value);
    if (needle.find('\\') == std::string::npos ||
        needle.find_first_of(" '=,:()./") != std::string::npos) {
      continue;
    }
    bool public_text = false;
    for (const std::string& text : printed) public_text |= text.find(needle) != std::string::npos;
    if (!public_text) needles.push_back(std::move(needle));
  }
  return needles;
}

void check_no_secret(const std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& needle : needles) FUZZ_CHECK(text.find(needle) == std::string::npos);
}

// --- The rules --------------------------------------------------------------

void check_rules(const Input& input, const Environment& environment) {
  const staging::Policy& policy = input.policy;
  std::vector<std::string_view> texts{policy.enforced, policy.vault_name, policy.vault_url,
                                      input.caller};
  for (const auto& [name, value] : environment.variables()) texts.push_back(value);
  std::vector<std::string_view> words(policy.allowed.begin(), policy.allowed.end());
  words.push_back(policy.enforced);
  for (const staging::RefuseRule& rule : policy.refuse) words.push_back(rule.word);
  for (const staging::RefusedWord& refused : staging::refused_environment_words()) {
    words.push_back(refused.word);
  }

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
  }

  for (const auto& [name, value] : environment.variables()) {
    FUZZ_CHECK(staging::is_secret_name(name, policy) == ref_is_secret_name(name, policy));
  }
  for (std::string_view name : policy.pass_through) {
    FUZZ_CHECK(staging::is_secret_name(name, policy) == ref_is_secret_name(name, policy));
  }

  // decide_caller: no value, an allowed one by the rule, or the policy's answer.
  for (const std::optional<std::string_view> caller :
       {std::optional<std::string_view>{}, std::optional<std::string_view>{input.caller},
        environment.get(staging::kEnvironmentVariable)}) {
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
  FUZZ_CHECK(caller.guarded == environment.get(staging::kGuardVariable).has_value());
  FUZZ_CHECK(caller.value == environment.get(caller.guarded ? staging::kCallerVariable
                                                            : staging::kEnvironmentVariable));

  for (staging::Absent absent : {staging::Absent::IsViolation, staging::Absent::IsAllowed}) {
    const std::vector<staging::Violation> forced =
        staging::check_forced_variables(policy, environment, absent);
    std::size_t next = 0;
    for (const staging::Variable& required : policy.forced) {
      const std::optional<std::string_view> found = environment.get(required.name);
      const bool ok = found && (required.name == staging::kEnvironmentVariable
                                    ? ref_same_environment(*found, required.value)
                                    : *found == required.value);
      FUZZ_CHECK(staging::satisfies(required, found) == ok);
      if (ok || (!found && absent == staging::Absent::IsAllowed)) continue;
      FUZZ_CHECK(next < forced.size());
      FUZZ_CHECK(forced[next].name == required.name);
      FUZZ_CHECK(forced[next].found == found);
      FUZZ_CHECK(forced[next].required == required.value);
      FUZZ_CHECK(forced[next].refused_word.empty());
      ++next;
    }
    FUZZ_CHECK(next == forced.size());

    const std::vector<staging::Violation> all =
        staging::check_environment(policy, environment, absent);
    FUZZ_CHECK(all.size() >= forced.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      const staging::Violation& violation = all[i];
      if (i < forced.size()) {
        FUZZ_CHECK(violation.name == forced[i].name && violation.found == forced[i].found);
        continue;
      }
      // A REFUSE rule, or (without a vault in the policy) a caller's vault
      // naming another environment: both name the word.
      FUZZ_CHECK(violation.found.has_value() && !violation.refused_word.empty());
      FUZZ_CHECK(ref_contains_word(*violation.found, violation.refused_word));
    }
  }

  const std::vector<staging::Violation> refused = staging::check_refused_values(policy, environment);
  std::size_t next = 0;
  for (const staging::RefuseRule& rule : policy.refuse) {
    const std::optional<std::string_view> found = environment.get(rule.name);
    if (!found || !ref_contains_word(*found, rule.word)) continue;
    FUZZ_CHECK(next < refused.size() && refused[next].name == rule.name &&
               refused[next].refused_word == rule.word && refused[next].found == found);
    ++next;
  }
  FUZZ_CHECK(next == refused.size());

  for (const staging::Violation& violation : staging::check_caller_vault(policy, environment)) {
    FUZZ_CHECK(violation.name == staging::kVaultNameVariable ||
               violation.name == staging::kVaultUrlVariable);
    FUZZ_CHECK(violation.found && !ref_trim(*violation.found).empty());
  }

  const std::vector<staging::PolicyProblem> problems = staging::check_policy(policy);
  bool enforced_allowed = false;
  for (std::string_view name : policy.allowed) {
    enforced_allowed = enforced_allowed || ref_same_environment(name, policy.enforced);
  }
  if (problems.empty()) {
    FUZZ_CHECK(!ref_trim(policy.enforced).empty());
    FUZZ_CHECK(!policy.forced.empty() && policy.forced[0].name == staging::kEnvironmentVariable &&
               policy.forced[0].value == policy.enforced);
    FUZZ_CHECK(enforced_allowed);
    for (const staging::RefuseRule& rule : policy.refuse) {
      FUZZ_CHECK(!rule.word.empty() && !ref_contains_word(policy.enforced, rule.word));
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

// Secret values replaced; everything else the same.
std::vector<staging::Violation> redacted(const std::vector<staging::Violation>& violations,
                                         const staging::Policy& policy,
                                         std::vector<std::string>& storage) {
  storage.clear();
  storage.reserve(violations.size() * 2);
  std::vector<staging::Violation> result = violations;
  for (staging::Violation& violation : result) {
    if (!staging::is_secret_name(violation.name, policy)) continue;
    if (violation.found) {
      storage.push_back("\x02" + std::string(*violation.found) + "\x02");
      violation.found = storage.back();
    }
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

  std::ostringstream test;
  std::ostringstream test_other;
  staging::write_test_violations(test, input.test_name, violations, policy);
  staging::write_test_violations(test_other, input.test_name, other, policy);
  FUZZ_CHECK(test.str() == test_other.str());
  check_text(test.str());
  check_no_secret(test.str(), needles);
  FUZZ_CHECK(line_count(test.str()) == violations.size());
  const std::string test_text = test.str();
  for (std::string_view line : lines_of(test_text)) {
    FUZZ_CHECK(starts_with(line, "StagingTests: test '" + staging::printable(input.test_name) +
                                     "' refused: "));
  }

  for (staging::GuardPhase phase : {staging::GuardPhase::BeforeTest, staging::GuardPhase::AfterTest}) {
    std::ostringstream guard;
    std::ostringstream guard_other;
    staging::write_guard_violations(guard, input.test_name, phase, violations, policy);
    staging::write_guard_violations(guard_other, input.test_name, phase, other, policy);
    FUZZ_CHECK(guard.str() == guard_other.str());
    check_text(guard.str());
    check_no_secret(guard.str(), needles);
    FUZZ_CHECK(line_count(guard.str()) == violations.size());
  }

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
    // One line each, then at most the table (7), a Fix, a Rule and a Fix.
    FUZZ_CHECK(lines.size() >= violations.size() && lines.size() <= violations.size() + 10);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i < violations.size()) {
        FUZZ_CHECK(starts_with(lines[i], "StagingTests: session refused: "));
      } else {
        FUZZ_CHECK(known_line(lines[i], policy));
      }
    }
  }
}

void check_messages(const Input& input, const Environment& environment) {
  const staging::Policy& policy = input.policy;
  for (std::string_view text : {policy.enforced, policy.vault_name, policy.vault_url,
                                input.caller, input.test_name, policy.id}) {
    check_printable(text);
  }
  for (const auto& [name, value] : environment.variables()) {
    check_printable(name);
    check_printable(value);
  }

  const Environment other = with_other_secrets(environment, policy);
  for (staging::CallerDecision decision :
       {staging::CallerDecision::Forced, staging::CallerDecision::Allowed,
        staging::CallerDecision::Refused, staging::CallerDecision::Overridden}) {
    std::ostringstream banner;
    std::ostringstream banner_other;
    staging::write_banner(banner, policy, environment, decision, input.caller);
    staging::write_banner(banner_other, policy, other, decision, input.caller);
    FUZZ_CHECK(banner.str() == banner_other.str());
    check_text(banner.str());
    check_no_secret(banner.str(), secret_needles(input, environment));
    const bool note = decision == staging::CallerDecision::Overridden;
    FUZZ_CHECK(line_count(banner.str()) == 6 + policy.pass_through.size() + (note ? 1 : 0));
    const std::string banner_text = banner.str();
    for (std::string_view line : lines_of(banner_text)) FUZZ_CHECK(known_line(line, policy));
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
  for (std::string_view line : refusal_lines) FUZZ_CHECK(known_line(line, policy));

  std::vector<staging::Violation> violations =
      staging::check_environment(policy, environment, staging::Absent::IsViolation);
  const std::vector<staging::Violation> by_hand =
      staging::check_environment(policy, environment, staging::Absent::IsAllowed);
  violations.insert(violations.end(), by_hand.begin(), by_hand.end());
  // Every entry as a forced and as a refused violation, secrets included.
  for (const auto& [name, value] : environment.variables()) {
    violations.push_back({name, std::string_view(value), policy.enforced, {}});
    violations.push_back({name, std::string_view(value), {}, "prod"});
    violations.push_back({name, std::nullopt, value, {}});
  }
  for (const staging::RefuseRule& rule : policy.refuse) {
    violations.push_back({rule.name, environment.get(rule.name), {}, rule.word});
  }
  const std::vector<std::string> needles = secret_needles(input, environment);
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

  std::ostringstream stale;
  staging::write_stale_policy(stale, policy.id, input.test_name);
  check_text(stale.str());
  FUZZ_CHECK(line_count(stale.str()) == 2);

  std::ostringstream exec_failure;
  staging::write_exec_failure(exec_failure, input.test_name, input.caller, ENOENT);
  check_text(exec_failure.str());
  FUZZ_CHECK(line_count(exec_failure.str()) == 1);

  for (staging::UsageError error :
       {staging::UsageError::NoMode, staging::UsageError::UnknownMode,
        staging::UsageError::UnexpectedArgument, staging::UsageError::MissingPolicyId,
        staging::UsageError::MissingTestName, staging::UsageError::MissingSeparator,
        staging::UsageError::MissingCommand}) {
    std::ostringstream usage;
    staging::write_usage_error(usage, error, input.test_name);
    check_text(usage.str());
    FUZZ_CHECK(line_count(usage.str()) == 4);
  }
}

// --- The modes ------------------------------------------------------------

struct Outcome {
  int code;
  std::string out;
  std::string err;
  int calls;
};

Outcome run(const Input& input, const Environment& environment,
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
  return {code, out.str(), err.str(), exec.calls};
}

// Secrets never change what is printed: with every secret value changed, a
// run that reaches the same verdicts prints the same text.
bool same_verdicts(const Input& input, const Environment& a, const Environment& b) {
  const auto shape = [&input](const Environment& environment) {
    std::string result;
    for (staging::Absent absent : {staging::Absent::IsViolation, staging::Absent::IsAllowed}) {
      for (const staging::Violation& violation :
           staging::check_environment(input.policy, environment, absent)) {
        result += std::string(violation.name) + '\0' + std::string(violation.refused_word) +
                  (violation.found ? "+" : "-") + '\0';
      }
      result += '\1';
    }
    for (const staging::Violation& violation : staging::check_caller_vault(input.policy, environment)) {
      result += std::string(violation.name) + '\0';
    }
    return result;
  };
  return shape(a) == shape(b);
}

void check_modes(const Input& input, const Environment& environment) {
  const staging::Policy& policy = input.policy;
  const std::string id = (input.flags & 8) ? std::string(policy.id) : std::string(policy.id) + "x";
  const std::string test_name(input.test_name);
  const std::vector<std::vector<std::string>> modes{
      {"guard", "--policy-id", id}, {"session"}, {"run", test_name, "--", "probe", "arg"}};
  const Environment other = with_other_secrets(environment, policy);
  const bool comparable = same_verdicts(input, environment, other);
  const bool consistent = staging::check_policy(policy).empty();
  const std::vector<std::string> needles = secret_needles(input, environment);

  for (const std::vector<std::string>& mode : modes) {
    const Outcome outcome = run(input, environment, mode);
    check_text(outcome.out);
    check_text(outcome.err);
    check_no_secret(outcome.out + outcome.err, needles);
    if (comparable) {
      const Outcome with_other = run(input, other, mode);
      FUZZ_CHECK(outcome.code == with_other.code);
      FUZZ_CHECK(outcome.out == with_other.out);
      FUZZ_CHECK(outcome.err == with_other.err);
    }
    if (mode[0] == "run") {
      const std::vector<staging::Violation> violations =
          staging::check_environment(policy, environment, staging::Absent::IsViolation);
      FUZZ_CHECK(outcome.out.empty());
      if (!violations.empty()) {
        FUZZ_CHECK(outcome.code == staging::kExitRefused && outcome.calls == 0);
        FUZZ_CHECK(lines_of(outcome.err).size() == violations.size());
      } else {
        FUZZ_CHECK(outcome.calls == 1);
        FUZZ_CHECK(outcome.code == ((input.flags & 16) ? staging::kExitCannotRun : 42));
      }
      continue;
    }
    for (std::string_view line : lines_of(outcome.err)) FUZZ_CHECK(known_line(line, policy));
    for (std::string_view line : lines_of(outcome.out)) FUZZ_CHECK(known_line(line, policy));
    FUZZ_CHECK(outcome.calls == 0);
    const bool guard = mode[0] == "guard";
    const std::optional<std::string_view> caller =
        guard ? environment.get(staging::kEnvironmentVariable)
              : staging::read_caller(environment).value;
    const staging::CallerDecision decision = staging::decide_caller(policy, caller);
    if (guard && (input.flags & 8) == 0) {
      FUZZ_CHECK(outcome.code == staging::kExitStalePolicy);
    } else if (!consistent || decision == staging::CallerDecision::Refused) {
      FUZZ_CHECK(outcome.code == staging::kExitRefused);
      FUZZ_CHECK(outcome.out.empty());
    } else {
      FUZZ_CHECK(outcome.code == staging::kExitOk || outcome.code == staging::kExitRefused);
      const std::string& confirmed = guard ? outcome.err : outcome.out;
      FUZZ_CHECK((outcome.code == staging::kExitOk) ==
                 (confirmed.find("\n" + std::string(kCheckMark) + " Confirmed: ") !=
                  std::string::npos));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input input;
  input.bytes.assign(reinterpret_cast<const char*>(data), size);
  parse(input);
  const Environment environment = environment_of(input);
  check_rules(input, environment);
  check_messages(input, environment);
  check_modes(input, environment);
  return 0;
}
