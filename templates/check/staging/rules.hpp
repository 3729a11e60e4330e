// Does an environment satisfy a Policy? Pure functions only: no output, no
// process state, so the check program and the in-binary guards share them
// and unit tests need no process.
//
// THE rule for ENVIRONMENT, used everywhere (the caller's value, the per-test
// check, the session check):
//
//   same_environment(value, name): trim ASCII whitespace around `value`, then
//   compare it with `name` ignoring ASCII case.
//
// So " Staging\n" is staging, and "" or "   " is no environment at all.
// Every other forced variable compares byte for byte: a vault URL that differs
// in one byte is another vault. (The ctest-time guard applies the same rule
// in CMake only while the check program is not built yet;
// tests/cmake/rules_agree.cmake pins the two together.)
//
// THE rule for words (vault names, REFUSE): contains_word(text, word) finds
// `word` in `text`, ignoring ASCII case, where the bytes just before and
// after it are not ASCII letters or digits (or are the ends of `text`). So
// "prod" is in "https://engram-prod-ai.example/" and "PROD_EU", but not in
// "product" or "reprod". A word's own separators ("engram-prod") compare
// byte for byte. (cmake/StagingTestsRules.cmake has the configure-time twin,
// pinned by the same test.)
//
// A variable given twice in one environment is a violation whatever its
// values: getenv reads the first entry, a shell the last.
#ifndef STAGING_RULES_HPP
#define STAGING_RULES_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staging/environment.hpp"
#include "staging/policy.hpp"
#include "staging/rules_core.hpp"

namespace staging {

// The ctest-time guard exports these into ctest's environment. Once it has
// forced ENVIRONMENT, a test can no longer see what the caller exported, so
// the guard passes the caller's value on to the session under another name.
inline constexpr std::string_view kGuardVariable = "STAGING_TESTS_GUARD";
inline constexpr std::string_view kCallerVariable = "STAGING_TESTS_CALLER_ENVIRONMENT";

// trim_ascii_whitespace, equals_ignoring_ascii_case, same_environment,
// contains_word and satisfies are in rules_core.hpp.

// What one pass over an environment found for one name.
struct Found {
  std::optional<std::string_view> value;  // the first entry's, as getenv sees it
  bool duplicated = false;                 // two or more entries of the name
  std::string_view last = {};              // when duplicated: the last entry's, as a shell sees it
};

// Looks up a fixed set of names in one pass over an environment's entries:
// the in-binary guards run this before and after every case, so an entry
// whose first byte starts no watched name costs one table look-up. Names
// compare as the environment says (Environment::names_ignore_case()), so
// on Windows `environment=production` is an entry of ENVIRONMENT. The
// names given must be distinct in that sense too.
class Scan {
 public:
  explicit Scan(std::vector<std::string_view> names);

  void run(const Environment& environment);

  // `name` must be one of the names given; else an empty result.
  const Found& get(std::string_view name) const noexcept;

  const std::vector<std::string_view>& names() const noexcept { return names_; }

 private:
  std::vector<std::string_view> names_;
  std::vector<Found> found_;
  std::array<std::uint64_t, 4> first_bytes_{};
  std::array<std::uint64_t, 4> first_bytes_any_case_{};  // for names_ignore_case()
};

// Every variable check_environment() reads: the forced ones, those of the
// REFUSE rules, the targets' passed-through ones and the watched ones
// (policy.hpp). Each once.
std::vector<std::string_view> checked_variable_names(const Policy& policy);

enum class CallerDecision {
  Forced,      // the caller named no environment: tests get the enforced one
  Allowed,     // the caller named an allowed environment
  Refused,     // the caller named another one and the policy says FAIL
  Overridden,  // the caller named another one and the policy says FORCE
};

CallerDecision decide_caller(const Policy& policy,
                             std::optional<std::string_view> caller) noexcept;

struct Caller {
  bool guarded = false;                    // ctest's guard ran and stamped us
  std::optional<std::string_view> value;   // the caller's ENVIRONMENT
};

// Under the guard the caller's value is the one it captured (unset when the
// caller had none); run by hand, it is simply ENVIRONMENT.
Caller read_caller(const Environment& environment);

// What a target's rule found wrong (none for the other violations).
enum class TargetProblem : unsigned char {
  None,
  Differs,        // the caller's value is another target's (found vs required)
  NotUrl,         // a passed-through URL that url.hpp cannot read
  FileUnreadable, // a FIELD's file (found: its path) cannot be read
  FieldMissing,   // the file holds no such top-level field
  FieldDiffers,   // the field's value (found) is not the required one
};

struct Violation {
  std::string_view name;
  std::optional<std::string_view> found;   // nullopt: not set
  std::string_view required = {};          // a forced variable's value
  std::string_view refused_word = {};      // set instead when a word rule matched
  bool duplicated = false;                 // the name has two or more entries
  std::string_view last = {};              // when duplicated: the last entry's value
  const TargetVariable* target = nullptr;  // the target variable judged, if any
  TargetProblem problem = TargetProblem::None;
  const TargetField* field = nullptr;      // for the File and Field problems
};

enum class Absent {
  IsViolation,  // every forced variable must be present (per test, or guarded)
  IsAllowed,    // only present ones must match (a binary run by hand)
};

// Empty, and so not allocated, when everything matches: the per-test path.
// `scan` must have run over the environment with (at least) the policy's
// checked_variable_names().
std::vector<Violation> check_environment(const Policy& policy, const Scan& scan, Absent absent);

// What the caller brought, judged before any test: a duplicated checked
// name; the caller's value of a target's forced NAME, ID, URL or PATH
// variable that is another target's (unless the policy says FORCE); a
// target's passed-through URL or PATH, or a watched variable, that names
// another environment; and the REFUSE rules. The ctest-time guard and the
// in-binary guards' start refuse the whole run on any of these.
std::vector<Violation> check_caller_values(const Policy& policy, const Scan& scan);

// The target variable (configured, or watched) named `name`, or null.
const TargetVariable* find_target_variable(const Policy& policy, std::string_view name) noexcept;

// Whether a caller's `value` of `variable` is the configured one: a NAME
// ignoring ASCII case, a URL by url.hpp's same_url, others byte for byte.
bool same_target_value(const TargetVariable& variable, std::string_view value) noexcept;

// The value of `field` in a kubeconfig or a service account key: in YAML a
// "field: value" line at column 0, in JSON (a text starting with '{') a
// "field": "value" pair; the last when given twice, as their readers take
// it; quotes removed, nullopt when absent. Not a parser of either language.
std::optional<std::string_view> top_level_field(std::string_view text,
                                                std::string_view field) noexcept;

// The policy's FIELD rules, judged on the files their variables name (the
// forced value, or the caller's for a passed-through one; an unset one is
// not judged). `read` returns a file's content, or nullopt when it cannot be
// read; `contents` keeps what was read alive for the violations' views.
std::vector<Violation> check_target_fields(
    const Policy& policy, const Scan& scan,
    std::optional<std::string> (*read)(std::string_view path),
    std::vector<std::string>& contents);

// A name the policy's secret rules cover (its suffixes and infixes, ASCII
// case-insensitive, or declared with SECRETS). Values of such names are
// never shown.
bool is_secret_name(std::string_view name, const Policy& policy) noexcept;

// The first of the policy's environment words in `text`, or null.
const EnvironmentWord* environment_word_in(std::string_view text, const Policy& policy) noexcept;

enum class PolicyRule {
  ForcedEnvironmentMissing,  // no enforced name, or forced[0] is not ENVIRONMENT=<it>
  EnforcedNotAllowed,        // the enforced name is not in the allowed list
  TargetNotForced,           // a target variable's value is not what the policy
                             // forces (or a passed-through one is not passed through)
  TargetNameMissingEnvironment,  // a NAME value without the enforced environment's word
  TargetRefusedWord,         // a target value holds another environment's word
  TargetUrlInvalid,          // a forced URL that does not parse or holds a password
  TargetFieldInvalid,        // a FIELD whose variable is no PATH of the target
  RefuseRuleInvalid,         // a REFUSE rule names no pass-through variable, has
                             // no word, or refuses the enforced environment
  NetworkEntryInvalid,       // a NETWORK_ALLOW entry network_rules.hpp cannot parse,
                             // or a NETWORK_REFUSE word of the enforced environment
};

struct PolicyProblem {
  std::string_view variable;
  PolicyRule rule;
  std::string_view detail;   // the offending word, for TargetRefusedWord and
                             // RefuseRuleInvalid
};

// Defence in depth: CMake validates the same at configure time, but a
// hand-edited generated header, or a policy that drifted, must not send a
// staging run to a production target. Empty when consistent.
std::vector<PolicyProblem> check_policy(const Policy& policy);

}  // namespace staging

#endif  // STAGING_RULES_HPP
