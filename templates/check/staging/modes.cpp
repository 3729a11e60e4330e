#include "staging/modes.hpp"

#include <fstream>
#include <string>
#include <string_view>

#include "staging/messages.hpp"
#include "staging/rules.hpp"
#include "staging/run_record.hpp"

namespace staging {
namespace {

// Checks the guard and the session fixture share; true when the policy is
// consistent.
bool policy_consistent(const Policy& policy, std::ostream& err) {
  const std::vector<PolicyProblem> problems = check_policy(policy);
  if (problems.empty()) return true;
  write_policy_problems(err, problems, policy);
  return false;
}

// The end-of-run checklist reads this to tell a validated run from one whose
// session was excluded. Only under the guard, which made the directory.
void leave_session_stamp(const Environment& environment) {
  const std::optional<std::string_view> run_dir = environment.get(kRunDirectoryVariable);
  if (!run_dir || run_dir->empty()) return;
  std::ofstream(std::string(*run_dir) + "/session.ok") << "ok\n";
}

int guard(const Policy& policy, const Environment& environment, int argc, char** argv,
          std::ostream& err) {
  if (argc < 4 || std::string_view(argv[2]) != "--policy-id") {
    write_usage_error(err, UsageError::MissingPolicyId);
    return kExitUsage;
  }
  if (argc > 4) {
    write_usage_error(err, UsageError::UnexpectedArgument, argv[4]);
    return kExitUsage;
  }
  const std::string_view expected = argv[3];
  if (expected != policy.id) {
    write_stale_policy(err, policy.id, expected);
    return kExitStalePolicy;
  }
  if (!policy_consistent(policy, err)) return kExitRefused;
  const std::optional<std::string_view> caller = environment.get(kEnvironmentVariable);
  const CallerDecision decision = decide_caller(policy, caller);
  if (decision == CallerDecision::Refused) {
    write_refusal(err, policy, *caller);
    return kExitRefused;
  }
  // The caller's own values, before ctest starts any test: a run pointed at
  // another environment's resources stops here, whatever was selected.
  const std::vector<Violation> refused = check_caller_values(policy, environment);
  if (!refused.empty()) {
    write_session_violations(err, refused, policy, false);
    return kExitRefused;
  }
  write_banner(err, policy, environment, decision, caller);
  write_confirmation(err, policy);
  return kExitOk;
}

int session(const Policy& policy, const Environment& environment, int argc, char** argv,
            std::ostream& out, std::ostream& err) {
  if (argc > 2) {
    write_usage_error(err, UsageError::UnexpectedArgument, argv[2]);
    return kExitUsage;
  }
  if (!policy_consistent(policy, err)) return kExitRefused;
  const Caller caller = read_caller(environment);
  const CallerDecision decision = decide_caller(policy, caller.value);
  if (decision == CallerDecision::Refused) {
    write_refusal(err, policy, *caller.value);
    return kExitRefused;
  }
  // Under the guard every forced variable was set, so a missing or different
  // one was overridden inside the suite. Run by hand, nothing set them: only
  // those present must match, and ENVIRONMENT is the caller's own value,
  // already judged above.
  std::vector<Violation> violations = check_environment(
      policy, environment, caller.guarded ? Absent::IsViolation : Absent::IsAllowed);
  if (!caller.guarded) {
    std::vector<Violation> kept;
    for (const Violation& violation : violations) {
      if (violation.name != kEnvironmentVariable || !violation.refused_word.empty()) {
        kept.push_back(violation);
      }
    }
    violations.swap(kept);
  }
  if (!violations.empty()) {
    write_session_violations(err, violations, policy, caller.guarded);
    return kExitRefused;
  }
  write_banner(out, policy, environment, decision, caller.value);
  write_confirmation(out, policy);
  leave_session_stamp(environment);
  return kExitOk;
}

int run(const Policy& policy, const Environment& environment, int argc, char** argv,
        std::ostream& out, std::ostream& err, const Exec& exec) {
  if (argc < 3) {
    write_usage_error(err, UsageError::MissingTestName);
    return kExitUsage;
  }
  const std::string_view test_name = argv[2];
  if (argc < 4 || std::string_view(argv[3]) != "--") {
    write_usage_error(err, UsageError::MissingSeparator, argc < 4 ? "" : argv[3]);
    return kExitUsage;
  }
  if (argc < 5) {
    write_usage_error(err, UsageError::MissingCommand);
    return kExitUsage;
  }
  const std::vector<Violation> violations =
      check_environment(policy, environment, Absent::IsViolation);
  if (!violations.empty()) {
    write_test_violations(err, test_name, violations, policy);
    record_run(environment, RunOutcome::Refused, test_name);
    return kExitRefused;
  }
  record_run(environment, RunOutcome::Ok, test_name);
  // A successful exec discards anything still buffered.
  out.flush();
  err.flush();
  const ExecResult result = exec.exec(argv + 4);
  if (!result.started) {
    write_exec_failure(err, test_name, argv[4], result.error);
    return kExitCannotRun;
  }
  return result.exit_code;
}

}  // namespace

int run_mode(const Policy& policy, const Environment& environment, int argc, char** argv,
             std::ostream& out, std::ostream& err, const Exec& exec) {
  if (argc < 2) {
    write_usage_error(err, UsageError::NoMode);
    return kExitUsage;
  }
  const std::string_view mode = argv[1];
  if (mode == "run") return run(policy, environment, argc, argv, out, err, exec);
  if (mode == "session") return session(policy, environment, argc, argv, out, err);
  if (mode == "guard") return guard(policy, environment, argc, argv, err);
  write_usage_error(err, UsageError::UnknownMode, mode);
  return kExitUsage;
}

}  // namespace staging
