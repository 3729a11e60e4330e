// Every text a user reads from the check program and the in-binary guards,
// in one place, so that they say the same thing the same way.
//
// Two promises hold for everything written here:
// - a value of a secret name (is_secret_name) is never written: only
//   "set (redacted)" or "not set";
// - no output can contain GoogleTest's skip marker "[  SKIPPED ]": untrusted
//   values go through printable(), which escapes '['. (A refusal ends its
//   process by a signal, which ctest never reads as a skip; the escape keeps
//   a refusal's text from turning a neighbouring test of the same output
//   into one.)
#ifndef STAGING_MESSAGES_HPP
#define STAGING_MESSAGES_HPP

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "staging/environment.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"
#include "staging/run_record.hpp"

namespace staging {

// An untrusted value made safe to print on one line: newline as \n, backslash
// as \\, control bytes, bytes >= 0x7f and '[' as \xNN. Cut at 200 bytes of
// output, then "... (<N> bytes)" with the value's full length.
std::string printable(std::string_view value);

std::string upper_case(std::string_view text);  // ASCII only
std::string title_case(std::string_view text);  // like Python's str.title(), ASCII only

// The banner. `caller` is the caller's ENVIRONMENT; it is shown only when
// `decision` is Overridden.
void write_banner(std::ostream& out, const Policy& policy, const Environment& environment,
                  CallerDecision decision, std::optional<std::string_view> caller);

// Written only once every check has passed.
// "NETWORK WORDS", "NETWORK STRICT" or "NETWORK OFF".
std::string_view network_mode_name(NetworkMode mode) noexcept;

void write_confirmation(std::ostream& out, const Policy& policy);

// The caller asked for an environment the policy refuses.
void write_refusal(std::ostream& out, const Policy& policy, std::string_view caller);

// One line per violation.
void write_test_violations(std::ostream& out, std::string_view test_name,
                           Span<Violation> violations, const Policy& policy);

// A process the test's launcher started (`program`) had the environment
// changed; with no violation left to show, says that it was.
void write_process_violations(std::ostream& out, std::string_view test_name,
                              std::string_view program, Span<Violation> violations,
                              const Policy& policy);

// When an in-binary guard found a forced variable changed: before the case
// started (by an earlier case's set-up, say), while it ran, or when the
// process ended inside it.
enum class GuardPhase { BeforeTest, AfterTest, AtExit };

// One line per violation, naming the case and the phase.
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

// A staging test started while this invocation's session had not passed.
void write_session_missing(std::ostream& out, std::string_view test_name, const Policy& policy);

// The run record could not be written: `result` says why, `error` is an
// errno value.
void write_record_failure(std::ostream& out, std::string_view test_name,
                          std::string_view run_dir, RecordResult result, int error);

// The session could not create its run directory.
void write_run_directory_failure(std::ostream& out, std::string_view run_dir, int error);

// `error` is an errno value.
// The check program refuses a test whose program cannot carry the network
// guard (modes.hpp: ProgramGuard); the rule's short name is the checklist's.
void write_unguardable_program(std::ostream& out, std::string_view test_name,
                               const ProgramGuard& program);
std::string_view unguardable_rule(ProgramGuard::Kind kind) noexcept;

void write_exec_failure(std::ostream& out, std::string_view test_name,
                        std::string_view command, int error);

// GoogleTest ran its cases with its internal death-test flag outside a death
// test, which silences every listener, the guard's included.
void write_silenced_guard(std::ostream& out);

// The end-of-run checklist of one ctest invocation.
void write_checklist(std::ostream& out, const Policy& policy, const RunSummary& summary);

enum class UsageError {
  NoMode,
  UnknownMode,         // `argument` is the mode
  UnexpectedArgument,  // `argument` is the first extra one
  MissingOption,       // `argument` is the option, e.g. "--run-dir <dir>"
  MissingSeparator,    // `argument` is what stood where "--" belongs, if any
  MissingCommand,
};

void write_usage_error(std::ostream& out, UsageError error, std::string_view argument = {});

}  // namespace staging

#endif  // STAGING_MESSAGES_HPP
