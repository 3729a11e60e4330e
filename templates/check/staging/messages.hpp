// Every text a user reads, in one place, so that the check program and the
// GoogleTest guard say the same thing the same way.
//
// Two promises hold for everything written here:
// - a value of a secret name (is_secret_name) is never written: only
//   "set (redacted)" or "not set";
// - no output can contain GoogleTest's skip marker "[  SKIPPED ]", which
//   gtest_discover_tests turns into a skip regex: a refusal read as a skip
//   would turn the run green. Untrusted values go through printable(), which
//   escapes '['.
#ifndef STAGING_MESSAGES_HPP
#define STAGING_MESSAGES_HPP

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "staging/environment.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"

namespace staging {

// An untrusted value made safe to print on one line: newline as \n, backslash
// as \\, control bytes, bytes >= 0x7f and '[' as \xNN. Cut at 200 bytes of
// output, then "... (<N> bytes)" with the value's full length.
std::string printable(std::string_view value);

std::string upper_case(std::string_view text);  // ASCII only
std::string title_case(std::string_view text);  // like Python's str.title(), ASCII only

// The seed's banner. `caller` is the caller's ENVIRONMENT; it is shown only
// when `decision` is Overridden.
void write_banner(std::ostream& out, const Policy& policy, const Environment& environment,
                  CallerDecision decision, std::optional<std::string_view> caller);

// Written only once every check has passed.
void write_confirmation(std::ostream& out, const Policy& policy);

// The caller asked for an environment the policy refuses.
void write_refusal(std::ostream& out, const Policy& policy, std::string_view caller);

// One line per violation.
void write_test_violations(std::ostream& out, std::string_view test_name,
                           Span<Violation> violations, const Policy& policy);

// When the GoogleTest guard found a forced variable changed: before the test
// started (by an earlier test's set-up, say) or while it ran.
enum class GuardPhase { BeforeTest, AfterTest };

// One line per violation, naming the test and the phase.
void write_guard_violations(std::ostream& out, std::string_view test_name, GuardPhase phase,
                            Span<Violation> violations, const Policy& policy);

// One line per violation, then how to fix it. `guarded`: the ctest guard set
// the variables, so something in the suite overrode them afterwards.
void write_session_violations(std::ostream& out, Span<Violation> violations,
                              const Policy& policy, bool guarded);

// One line per problem, then how to fix it.
void write_policy_problems(std::ostream& out, Span<PolicyProblem> problems,
                           const Policy& policy);

// The suite was generated for another policy than this program was built with.
void write_stale_policy(std::ostream& out, std::string_view built_for,
                        std::string_view expected);

// `error` is an errno value.
void write_exec_failure(std::ostream& out, std::string_view test_name,
                        std::string_view command, int error);

enum class UsageError {
  NoMode,
  UnknownMode,         // `argument` is the mode
  UnexpectedArgument,  // `argument` is the first extra one
  MissingPolicyId,
  MissingTestName,
  MissingSeparator,    // `argument` is what stood where "--" belongs, if any
  MissingCommand,
};

void write_usage_error(std::ostream& out, UsageError error, std::string_view argument = {});

}  // namespace staging

#endif  // STAGING_MESSAGES_HPP
