#include "staging/modes.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staging/doctor.hpp"
#include "staging/messages.hpp"
#include "staging/network_rules.hpp"
#include "staging/rules.hpp"
#include "staging/target_files.hpp"
#include "staging/run_record.hpp"

namespace staging {
namespace {

// The options of a mode, read from argv[2] on. A run stops at "--".
struct Options {
  std::optional<std::string_view> policy_id;
  std::optional<std::string_view> run_dir;
  std::optional<std::string_view> test;
  std::optional<std::string_view> preload;
  bool outside = false;
  int command = 0;  // index of the command after "--", 0 when there is none
};

// False, after writing the usage error, when an argument is not one the
// mode takes (`allowed` lists the options with a value, and "--outside"
// and "--" where the mode takes them).
bool read_options(int argc, char** argv, std::initializer_list<std::string_view> allowed,
                  Options& options, std::ostream& err) {
  const auto takes = [&allowed](std::string_view option) {
    for (std::string_view name : allowed) {
      if (name == option) return true;
    }
    return false;
  };
  for (int i = 2; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--" && takes("--")) {
      options.command = i + 1;
      return true;
    }
    if (argument == "--outside" && takes("--outside")) {
      options.outside = true;
      continue;
    }
    std::optional<std::string_view>* value = nullptr;
    if (argument == "--policy-id") value = &options.policy_id;
    if (argument == "--run-dir") value = &options.run_dir;
    if (argument == "--test") value = &options.test;
    if (argument == "--preload") value = &options.preload;
    if (value == nullptr || !takes(argument) || i + 1 >= argc) {
      write_usage_error(err, UsageError::UnexpectedArgument, argument);
      return false;
    }
    *value = argv[++i];
  }
  return true;
}

bool require(const std::optional<std::string_view>& value, std::string_view option,
             std::ostream& err) {
  if (value) return true;
  write_usage_error(err, UsageError::MissingOption, option);
  return false;
}

// Checks the guard and the session share; true when the policy is
// consistent.
bool policy_consistent(const Policy& policy, std::ostream& err) {
  const std::vector<PolicyProblem> problems = check_policy(policy);
  if (problems.empty()) return true;
  write_policy_problems(err, problems, policy);
  return false;
}

int guard(const Policy& policy, const Environment& environment, int argc, char** argv,
          std::ostream& err) {
  Options options;
  if (!read_options(argc, argv, {"--policy-id"}, options, err)) return kExitUsage;
  if (!require(options.policy_id, "--policy-id <id>", err)) return kExitUsage;
  if (*options.policy_id != policy.id) {
    write_stale_policy(err, policy.id, *options.policy_id);
    return kExitStalePolicy;
  }
  if (!policy_consistent(policy, err)) return kExitRefused;
  Scan scan(checked_variable_names(policy));
  scan.run(environment);
  const Found& caller = scan.get(kEnvironmentVariable);
  const CallerDecision decision = decide_caller(policy, caller.value);
  if (decision == CallerDecision::Refused) {
    write_refusal(err, policy, *caller.value);
    return kExitRefused;
  }
  // The caller's own values, before ctest starts any test: a run pointed at
  // another environment's resources stops here, whatever was selected.
  std::vector<Violation> refused = check_caller_values(policy, scan);
  std::vector<std::string> files;
  for (const Violation& violation : check_target_fields(policy, scan, read_target_file, files)) {
    refused.push_back(violation);
  }
  if (!refused.empty()) {
    write_session_violations(err, refused, policy, false);
    return kExitRefused;
  }
  write_banner(err, policy, environment, decision, caller.value);
  write_confirmation(err, policy);
  return kExitOk;
}

int session(const Policy& policy, const Environment& environment, int argc, char** argv,
            std::ostream& out, std::ostream& err) {
  Options options;
  if (!read_options(argc, argv, {"--run-dir"}, options, err) ||
      !require(options.run_dir, "--run-dir <dir>", err)) {
    return kExitTerminate;
  }
  if (doctor_listing(environment)) {
    write_listing_only_refusal(err, {});
    return kExitTerminate;
  }
  if (!policy_consistent(policy, err)) return kExitTerminate;
  const Caller caller = read_caller(environment);
  const CallerDecision decision = decide_caller(policy, caller.value);
  if (decision == CallerDecision::Refused) {
    write_refusal(err, policy, *caller.value);
    return kExitTerminate;
  }
  Scan scan(checked_variable_names(policy));
  scan.run(environment);
  // Under the guard every forced variable was set, so a missing or different
  // one was overridden inside the suite. Run by hand, nothing set them: only
  // those present must match, and ENVIRONMENT is the caller's own value,
  // already judged above.
  std::vector<Violation> violations = check_environment(
      policy, scan, caller.guarded ? Absent::IsViolation : Absent::IsAllowed);
  if (!caller.guarded) {
    std::vector<Violation> kept;
    for (const Violation& violation : violations) {
      if (violation.name != kEnvironmentVariable || !violation.refused_word.empty() ||
          violation.duplicated) {
        kept.push_back(violation);
      }
    }
    violations.swap(kept);
  }
  // The files the targets name, as the tests will read them.
  std::vector<std::string> files;
  for (const Violation& violation : check_target_fields(policy, scan, read_target_file, files)) {
    violations.push_back(violation);
  }
  if (!violations.empty()) {
    write_session_violations(err, violations, policy, caller.guarded);
    return kExitTerminate;
  }
  write_banner(out, policy, environment, decision, caller.value);
  int error = 0;
  if (!create_run_directory(*options.run_dir, error)) {
    write_run_directory_failure(err, *options.run_dir, error);
    return kExitTerminate;
  }
  prune_run_directories(*options.run_dir, kKeptRunDirectories);
  if (!write_session_stamp(*options.run_dir, error)) {
    write_run_directory_failure(err, *options.run_dir, error);
    return kExitTerminate;
  }
  write_confirmation(out, policy);
  return kExitOk;
}

int run(const Policy& policy, const Environment& environment, int argc, char** argv,
        std::ostream& out, std::ostream& err, const Exec& exec) {
  Options options;
  if (!read_options(argc, argv, {"--run-dir", "--test", "--outside", "--preload", "--"}, options,
                    err) ||
      !require(options.run_dir, "--run-dir <dir>", err) ||
      !require(options.test, "--test <name>", err)) {
    return kExitTerminate;
  }
  if (options.command == 0) {
    write_usage_error(err, UsageError::MissingSeparator);
    return kExitTerminate;
  }
  if (options.command >= argc) {
    write_usage_error(err, UsageError::MissingCommand);
    return kExitTerminate;
  }
  const std::string_view test_name = *options.test;
  const std::string_view run_dir = *options.run_dir;
  const RunLayer layer = options.outside ? RunLayer::Outside : RunLayer::Check;
  int error = 0;
  // The guard skipped judging the caller so that staging-doctor could list
  // the suite: nothing may run in that ctest.
  if (doctor_listing(environment)) {
    write_listing_only_refusal(err, test_name);
    return kExitTerminate;
  }

  Scan scan(checked_variable_names(policy));
  scan.run(environment);
  const std::vector<Violation> violations =
      check_environment(policy, scan, Absent::IsViolation);
  if (!violations.empty()) {
    write_test_violations(err, test_name, violations, policy);
    record_run(run_dir, RunOutcome::Refused, layer, test_name, error);
    return kExitTerminate;
  }
  if (!options.outside && !session_stamp_exists(run_dir)) {
    write_session_missing(err, test_name, policy);
    return kExitTerminate;
  }
  const RecordResult recorded = record_run(run_dir, RunOutcome::Ok, layer, test_name, error);
  // A test outside the staging suite may run before the session made the
  // directory; anything else in the way of the record is refused.
  if (recorded != RecordResult::Written &&
      !(options.outside && recorded == RecordResult::NoDirectory)) {
    write_record_failure(err, test_name, run_dir, recorded, error);
    return kExitTerminate;
  }
  bool network = policy.network.mode != NetworkMode::Off && exec.network_guard_available();
  if (network && matches_any(policy.network.unguarded_tests, test_name)) {
    record_run(run_dir, RunOutcome::Ok, RunLayer::Unguarded, test_name, error);
    network = false;
  }
  if (network) {
    const ProgramGuard program = exec.check_program(argv[options.command]);
    if (program.kind != ProgramGuard::Guardable) {
      if (program.kind != ProgramGuard::NoLibrary &&
          matches_any(policy.network.unguarded_programs, program.path)) {
        record_run(run_dir, RunOutcome::Ok, RunLayer::Unguarded,
                   std::string(test_name) + " (" + program.path + ")", error);
        network = false;
      } else {
        write_unguardable_program(err, test_name, program);
        record_run(run_dir, RunOutcome::Refused, RunLayer::Network,
                   std::string(test_name) + ": " + program.path + " (" +
                       std::string(unguardable_rule(program.kind)) + ")",
                   error);
        return kExitTerminate;
      }
    }
  }
  if ((network || options.preload) &&
      !exec.preload(options.preload.value_or(std::string_view{}), options.preload.has_value(),
                    network, argv[0], test_name)) {
    const ProgramGuard setup{ProgramGuard::PreloadTooLong, "LD_PRELOAD"};
    write_unguardable_program(err, test_name, setup);
    record_run(run_dir, RunOutcome::Refused, RunLayer::Network,
               std::string(test_name) + ": LD_PRELOAD (" +
                   std::string(unguardable_rule(setup.kind)) + ")",
               error);
    return kExitTerminate;
  }
  // A successful exec discards anything still buffered.
  out.flush();
  err.flush();
  const ExecResult result = exec.exec(argv + options.command, run_dir);
  if (!result.started) {
    write_exec_failure(err, test_name, argv[options.command], result.error);
    return kExitTerminate;
  }
  return result.exit_code;
}

int process(const Policy& policy, const Environment& environment, int argc, char** argv,
            std::ostream& err) {
  Options options;
  if (!read_options(argc, argv, {"--run-dir", "--test", "--"}, options, err) ||
      !require(options.run_dir, "--run-dir <dir>", err) ||
      !require(options.test, "--test <name>", err)) {
    return kExitTerminate;
  }
  const std::string_view program =
      options.command > 0 && options.command < argc ? argv[options.command] : "";
  Scan scan(checked_variable_names(policy));
  scan.run(environment);
  const std::vector<Violation> violations =
      check_environment(policy, scan, Absent::IsViolation);
  write_process_violations(err, *options.test, program, violations, policy);
  int error = 0;
  record_run(*options.run_dir, RunOutcome::Refused, RunLayer::Process, *options.test, error);
  return kExitTerminate;
}

int checklist(const Policy& policy, const Environment& environment, int argc, char** argv,
              std::ostream& out, std::ostream& err) {
  Options options;
  if (!read_options(argc, argv, {"--run-dir"}, options, err) ||
      !require(options.run_dir, "--run-dir <dir>", err)) {
    return kExitUsage;
  }
  if (doctor_listing(environment)) {
    write_listing_only_refusal(err, std::string(policy.label) + "_checklist");
    return kExitRefused;
  }
  const RunSummary summary = read_run_record(*options.run_dir);
  write_checklist(out, policy, summary);
  // Failing when anything was refused puts the checklist's summary in front
  // of the user (ctest --output-on-failure), beside the refused tests.
  bool refused = !summary.session;
  bool checked = false;
  for (const RecordEntry& entry : summary.entries) {
    refused = refused || entry.outcome == RunOutcome::Refused;
    checked = checked || entry.layer == RunLayer::Check;
  }
  refused = refused || !checked;
  return summary.readable && summary.malformed == 0 && !refused ? kExitOk : kExitRefused;
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
  if (mode == "checklist") return checklist(policy, environment, argc, argv, out, err);
  if (mode == "process") return process(policy, environment, argc, argv, err);
  if (mode == "doctor") return doctor_mode(policy, environment, argc, argv, out, err, exec);
  write_usage_error(err, UsageError::UnknownMode, mode);
  return kExitUsage;
}

}  // namespace staging
