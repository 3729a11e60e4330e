#include "staging/in_binary_guard.hpp"

#include <sstream>
#include <string>
#include <vector>

#include "staging/target_files.hpp"

namespace staging {

InBinaryGuard::InBinaryGuard(const Policy& policy, MutableEnvironment& environment)
    : policy_(policy), environment_(environment), scan_(checked_variable_names(policy)) {}

void InBinaryGuard::start() {
  scan_.run(environment_);
  const Found& caller = scan_.get(kEnvironmentVariable);
  std::ostringstream message;
  if (decide_caller(policy_, caller.value) == CallerDecision::Refused) {
    write_refusal(message, policy_, *caller.value);
  } else {
    // As the ctest-time guard judges them, so that running the binary by
    // hand is no way around it.
    std::vector<Violation> refused = check_caller_values(policy_, scan_);
    std::vector<std::string> files;
    for (const Violation& violation : check_target_fields(policy_, scan_, read_target_file, files)) {
      refused.push_back(violation);
    }
    if (!refused.empty()) write_session_violations(message, refused, policy_, false);
  }
  refusal_ = message.str();
  force();
}

std::string InBinaryGuard::check(std::string_view case_name, GuardPhase phase) {
  scan_.run(environment_);
  const std::vector<Violation> violations =
      check_environment(policy_, scan_, Absent::IsViolation);
  if (violations.empty()) return {};
  std::ostringstream message;
  write_guard_violations(message, case_name, phase, violations, policy_);
  violated_ = true;
  force();
  return message.str();
}

void InBinaryGuard::record(std::string_view case_name, bool ok, RunLayer layer) const {
  const std::optional<std::string_view> run_dir = first_value(environment_, kRunDirectoryVariable);
  if (!run_dir || run_dir->empty()) return;
  int error = 0;
  record_run(*run_dir, ok ? RunOutcome::Ok : RunOutcome::Refused, layer, case_name, error);
}

void InBinaryGuard::force() {
  for (const Variable& variable : policy_.forced) {
    environment_.assign(variable.name, variable.value);
  }
}

}  // namespace staging
