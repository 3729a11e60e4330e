// Does an environment satisfy a Policy? Pure functions only: no output, no
// process state, so the check program and the GoogleTest guard share them and
// unit tests need no process.
//
// THE rule for ENVIRONMENT, used everywhere (the caller's value, the per-test
// check, the session check):
//
//   same_environment(value, name): trim ASCII whitespace around `value`, then
//   compare it with `name` ignoring ASCII case.
//
// So " Staging\n" is staging, and "" or "   " is no environment at all.
// Every other forced variable compares byte for byte: a vault URL that differs
// in one byte is another vault.
//
// THE rule for words (vault names, REFUSE): contains_word(text, word) finds
// `word` in `text`, ignoring ASCII case, where the bytes just before and
// after it are not ASCII letters or digits (or are the ends of `text`). So
// "prod" is in "https://engram-prod-ai.example/" and "PROD_EU", but not in
// "product" or "reprod". A word's own separators ("engram-prod") compare
// byte for byte.
#ifndef STAGING_RULES_HPP
#define STAGING_RULES_HPP

#include <optional>
#include <string_view>
#include <vector>

#include "staging/environment.hpp"
#include "staging/policy.hpp"

namespace staging {

inline constexpr std::string_view kEnvironmentVariable = "ENVIRONMENT";
inline constexpr std::string_view kVaultNameVariable = "AZURE_KEY_VAULT_NAME";
inline constexpr std::string_view kVaultUrlVariable = "AZURE_KEYVAULT_URL";

// The ctest-time guard stamps these into ctest's environment. Once the test
// property ENVIRONMENT=<enforced> is applied, a test can no longer see what
// the caller exported, so the guard passes it on under another name.
inline constexpr std::string_view kGuardVariable = "STAGING_TESTS_GUARD";
inline constexpr std::string_view kCallerVariable = "STAGING_TESTS_CALLER_ENVIRONMENT";
// Where the guard lets this run's session leave its stamp.
inline constexpr std::string_view kRunDirectoryVariable = "STAGING_TESTS_RUN_DIR";

std::string_view trim_ascii_whitespace(std::string_view value) noexcept;
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept;
bool same_environment(std::string_view value, std::string_view name) noexcept;
bool contains_word(std::string_view text, std::string_view word) noexcept;

// Whether a forced variable's found value satisfies it: ENVIRONMENT by the
// rule above, everything else byte for byte.
bool satisfies(const Variable& required, std::optional<std::string_view> found) noexcept;

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

struct Violation {
  std::string_view name;
  std::optional<std::string_view> found;   // nullopt: not set
  std::string_view required;               // a forced variable's value
  std::string_view refused_word = {};      // set instead when a REFUSE rule matched
};

enum class Absent {
  IsViolation,  // every forced variable must be present (per test, or guarded)
  IsAllowed,    // only present ones must match (a binary run by hand)
};

// Empty, and so not allocated, when everything matches: this is the per-test
// path.
std::vector<Violation> check_forced_variables(const Policy& policy,
                                              const Environment& environment,
                                              Absent absent);

// The values of pass-through variables that a REFUSE rule matches, one
// violation per matching rule. An unset variable matches nothing.
std::vector<Violation> check_refused_values(const Policy& policy, const Environment& environment);

// The vault the caller exported, judged before ctest starts: with a vault in
// the policy, another vault (name or URL) is a violation unless the policy
// says FORCE (the tests get the policy's vault anyway); without one, the
// tests would inherit the caller's, so a vault naming another environment
// (a refused environment word, see refused_environment_words) is refused.
std::vector<Violation> check_caller_vault(const Policy& policy, const Environment& environment);

// What the caller brought, judged before any test: check_caller_vault, then
// check_refused_values. The ctest-time guard and the GoogleTest guard's start
// both refuse the whole run on any of these.
std::vector<Violation> check_caller_values(const Policy& policy, const Environment& environment);

// What every check of a test's environment runs: the forced variables, the
// REFUSE rules and, when the policy has no vault, the inherited vault.
std::vector<Violation> check_environment(const Policy& policy, const Environment& environment,
                                         Absent absent);

// Every variable check_environment() reads: a change to any other cannot
// change its verdict (the GoogleTest guard's fast path watches these).
std::vector<std::string_view> checked_variable_names(const Policy& policy);

// *_KEY, *_SECRET, *_TOKEN, *PASSWORD* (ASCII case-insensitive), or declared
// secret by the policy. Values of such names are never shown.
bool is_secret_name(std::string_view name, const Policy& policy) noexcept;

enum class PolicyRule {
  ForcedEnvironmentMissing,  // no enforced name, or forced[0] is not ENVIRONMENT=<it>
  EnforcedNotAllowed,        // the enforced name is not in the allowed list
  VaultIncomplete,           // a vault name without a URL or the reverse
  VaultVariableMismatch,     // the forced vault variable differs from the vault
  VaultUrlMismatch,          // URL is not https://<name>.vault.azure.net/
  VaultNameMissingEnvironment,
  VaultNameRefusedWord,      // the name has a word naming another environment
  RefuseRuleInvalid,         // a REFUSE rule names no pass-through variable, has
                             // no word, or refuses the enforced environment
};

struct PolicyProblem {
  std::string_view variable;
  PolicyRule rule;
  std::string_view detail;   // the offending word, for VaultNameRefusedWord and
                             // RefuseRuleInvalid
};

// Defence in depth: CMake validates the same at configure time, but a
// hand-edited generated header, or a policy that drifted, must not send a
// staging run to a production vault. Empty when consistent.
std::vector<PolicyProblem> check_policy(const Policy& policy);

// Words that name an environment other than the enforced one; a vault name
// carrying one of them belongs to that environment. `environment` is the
// seed's name for it (dev, test, uat or prod): the row of its table.
struct RefusedWord {
  std::string_view word;
  std::string_view environment;
};

Span<RefusedWord> refused_environment_words() noexcept;

}  // namespace staging

#endif  // STAGING_RULES_HPP
