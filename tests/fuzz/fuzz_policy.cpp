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
//   4 pass-through (list)   5 secrets (list)   6 vault name   7 vault URL
//   8 refuse (list of NAME=word)
//   9 environment: entries appended as given, after the forced ones (so a
//     name may appear twice, and an entry may lack '=')
//   10 the caller's ENVIRONMENT (appended last)   11 test name   12 policy id
//
// The toolkit's rule data (environment words, secret-name shapes, the vault
// URL) comes from staging_unit_rule_data.hpp, generated from
// cmake/StagingTestsRules.cmake.
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

#include "staging/environment.hpp"
#include "staging/in_binary_guard.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"
#include "staging/run_record.hpp"
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

bool ref_vault_url(const staging::Policy& policy, std::string_view url) {
  return ref_lower(url) ==
         ref_lower(std::string(policy.vault_url_prefix) + std::string(policy.vault_name) +
                   std::string(policy.vault_url_suffix));
}

std::vector<std::string_view> ref_checked_names(const staging::Policy& policy);

void ref_vault_values(const staging::Policy& policy, const Entries& entries,
                      std::vector<staging::Violation>& out) {
  const std::vector<std::string_view> checked = ref_checked_names(policy);
  for (std::string_view name : {staging::kVaultNameVariable, staging::kVaultUrlVariable}) {
    // Only a checked name is looked at: with a vault in the policy, the
    // forced vault variables (an inconsistent policy may lack one).
    if (std::find(checked.begin(), checked.end(), name) == checked.end()) continue;
    const RefFound found = ref_find(entries, name);
    if (!found.first || ref_trim(*found.first).empty()) continue;
    if (!policy.vault_name.empty()) {
      const bool same = name == staging::kVaultNameVariable
                            ? ref_lower(*found.first) == ref_lower(policy.vault_name)
                            : ref_vault_url(policy, *found.first);
      if (!same) {
        out.push_back({name, found.first,
                       name == staging::kVaultNameVariable ? policy.vault_name : policy.vault_url,
                       {}, false, {}});
      }
      continue;
    }
    const std::string_view word = ref_other_word(*found.first, policy);
    if (!word.empty()) out.push_back({name, found.first, {}, word, false, {}});
  }
}

void ref_refused_values(const staging::Policy& policy, const Entries& entries,
                        std::vector<staging::Violation>& out) {
  for (const staging::RefuseRule& rule : policy.refuse) {
    const RefFound found = ref_find(entries, rule.name);
    if (found.first && ref_contains_word(*found.first, rule.word)) {
      out.push_back({rule.name, found.first, {}, rule.word, false, {}});
    }
  }
}

std::vector<staging::Violation> ref_check_environment(const staging::Policy& policy,
                                                      const Entries& entries,
                                                      staging::Absent absent) {
  std::vector<staging::Violation> out;
  for (const staging::Variable& required : policy.forced) {
    const RefFound found = ref_find(entries, required.name);
    if (found.count > 1) {
      out.push_back({required.name, found.first, required.value, {}, true, found.last});
    } else if (!(found.count == 0 && absent == staging::Absent::IsAllowed) &&
               !ref_satisfies(required, found.first)) {
      out.push_back({required.name, found.first, required.value, {}, false, {}});
    }
  }
  std::vector<std::string_view> unforced;
  for (const staging::RefuseRule& rule : policy.refuse) unforced.push_back(rule.name);
  if (policy.vault_name.empty()) {
    unforced.push_back(staging::kVaultNameVariable);
    unforced.push_back(staging::kVaultUrlVariable);
  }
  std::vector<std::string_view> reported;
  for (std::string_view name : unforced) {
    if (ref_forced(policy, name) != nullptr ||
        std::find(reported.begin(), reported.end(), name) != reported.end()) {
      continue;
    }
    const RefFound found = ref_find(entries, name);
    if (found.count > 1) {
      out.push_back({name, found.first, {}, {}, true, found.last});
      reported.push_back(name);
    }
  }
  ref_refused_values(policy, entries, out);
  if (policy.vault_name.empty()) ref_vault_values(policy, entries, out);
  return out;
}

std::vector<std::string_view> ref_checked_names(const staging::Policy& policy) {
  std::vector<std::string_view> names;
  const auto add = [&names](std::string_view name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const staging::Variable& variable : policy.forced) add(variable.name);
  for (const staging::RefuseRule& rule : policy.refuse) add(rule.name);
  if (policy.vault_name.empty()) {
    add(staging::kVaultNameVariable);
    add(staging::kVaultUrlVariable);
  }
  return names;
}

std::vector<staging::Violation> ref_check_caller_values(const staging::Policy& policy,
                                                        const Entries& entries) {
  std::vector<staging::Violation> out;
  for (std::string_view name : ref_checked_names(policy)) {
    const RefFound found = ref_find(entries, name);
    if (found.count < 2) continue;
    const staging::Variable* forced = ref_forced(policy, name);
    if (forced != nullptr && policy.on_mismatch == staging::OnMismatch::Force) continue;
    out.push_back({name, found.first, forced != nullptr ? forced->value : std::string_view{}, {},
                   true, found.last});
  }
  if (policy.on_mismatch == staging::OnMismatch::Fail || policy.vault_name.empty()) {
    ref_vault_values(policy, entries, out);
  }
  ref_refused_values(policy, entries, out);
  return out;
}

bool same_violations(const std::vector<staging::Violation>& a,
                     const std::vector<staging::Violation>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].found != b[i].found || a[i].required != b[i].required ||
        a[i].refused_word != b[i].refused_word || a[i].duplicated != b[i].duplicated ||
        a[i].last != b[i].last) {
      return false;
    }
  }
  return true;
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

struct Input {
  std::string bytes;  // owns what every view below points into
  unsigned flags = 0;
  std::vector<std::string_view> allowed;
  std::vector<staging::Variable> forced;
  std::vector<std::string_view> pass_through;
  std::vector<std::string_view> secrets;
  std::vector<staging::RefuseRule> refuse;
  std::vector<std::string_view> entries;
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
  policy.session_test = "staging_session";
  policy.label = "staging";
  policy.id = fields[12];
  policy.environment_words = staging_test::rule_data::kEnvironmentWords;
  policy.secret_suffixes = staging_test::rule_data::kSecretSuffixes;
  policy.secret_infixes = staging_test::rule_data::kSecretInfixes;
  policy.vault_url_prefix = staging_test::rule_data::kVaultUrlPrefix;
  policy.vault_url_suffix = staging_test::rule_data::kVaultUrlSuffix;
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

// The caller's values are shown by design; every other secret's value never.
bool hidden(std::string_view name, const staging::Policy& policy) {
  return staging::is_secret_name(name, policy) && name != staging::kEnvironmentVariable &&
         name != staging::kCallerVariable && name != staging::kGuardVariable;
}

// The same entries with every hidden value changed.
Entries with_other_secrets(const Entries& entries, const staging::Policy& policy) {
  Entries other = entries;
  for (std::string& entry : other) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos || !hidden(std::string_view(entry).substr(0, equals), policy)) {
      continue;
    }
    entry = entry.substr(0, equals + 1) + "\x02" + entry.substr(equals + 1) + "\x02";
  }
  return other;
}

// The printed forms of hidden values that no message may contain: at least
// 8 bytes, holding an escape (so no fixed text spells them), none of the
// bytes a message puts next to a value (so none straddles a value's edge),
// and in no printed public string.
std::vector<std::string> secret_needles(const Input& input, const Entries& entries) {
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
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    shown.push_back(name);
    if (!hidden(name, policy) || name.size() == entry.size()) {
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
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    if (!hidden(name, policy) || name.size() == entry.size()) continue;
    const std::string_view value = std::string_view(entry).substr(name.size() + 1);
    if (value.size() < 8) continue;
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

void check_rules(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  const Environment environment(entries);

  std::vector<std::string_view> texts{policy.enforced, policy.vault_name, policy.vault_url,
                                      input.caller};
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

  // Scan: the policy's names, and every name the entries hold.
  const std::vector<std::string_view> checked = staging::checked_variable_names(policy);
  FUZZ_CHECK(checked == ref_checked_names(policy));
  std::vector<std::string_view> every = checked;
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry.c_str());
    if (std::find(every.begin(), every.end(), name) == every.end()) every.push_back(name);
  }
  for (const std::vector<std::string_view>* names :
       std::initializer_list<const std::vector<std::string_view>*>{&checked, &every}) {
    staging::Scan scan(*names);
    scan.run(environment);
    FUZZ_CHECK(scan.names() == *names);
    for (std::string_view name : *names) {
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
    if (!policy.vault_name.empty()) {
      FUZZ_CHECK(ref_vault_url(policy, policy.vault_url));
      FUZZ_CHECK(ref_contains_word(policy.vault_name, policy.enforced));
      FUZZ_CHECK(ref_other_word(policy.vault_name, policy).empty());
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
  storage.reserve(violations.size() * 3);
  std::vector<staging::Violation> result = violations;
  for (staging::Violation& violation : result) {
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
    // One line each, then at most a Fix for duplicates, the table (7), a
    // Fix, a Rule and a Fix.
    FUZZ_CHECK(lines.size() >= violations.size() && lines.size() <= violations.size() + 11);
    for (std::size_t i = 0; i < violations.size(); ++i) {
      FUZZ_CHECK(starts_with(lines[i], "StagingTests: session refused: "));
    }
  }
}

void check_messages(const Input& input, const Entries& entries) {
  const staging::Policy& policy = input.policy;
  const Environment environment(entries);
  for (std::string_view text : {policy.enforced, policy.vault_name, policy.vault_url,
                                input.caller, input.test_name, policy.id}) {
    check_printable(text);
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
    FUZZ_CHECK(line_count(banner.str()) ==
               6 + network_lines + policy.pass_through.size() + (note ? 1 : 0));
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
  // included.
  for (const std::string& entry : entries) {
    const std::string_view name = name_of(entry);
    const std::string_view value =
        name.size() < entry.size() ? std::string_view(entry).substr(name.size() + 1) : "";
    violations.push_back({name, value, policy.enforced, {}, false, {}});
    violations.push_back({name, value, {}, "prod", false, {}});
    violations.push_back({name, std::nullopt, value, {}, false, {}});
    violations.push_back({name, value, {}, {}, true, value});
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
