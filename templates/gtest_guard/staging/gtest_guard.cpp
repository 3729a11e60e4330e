#include "staging/gtest_guard.hpp"

#include <sstream>
#include <vector>

#include "staging/rules.hpp"
#include "staging/run_record.hpp"

namespace staging {

GuardListener::GuardListener(const Policy& policy, MutableEnvironment& environment,
                             std::ostream& err, Exit exit)
    : policy_(policy), environment_(environment), err_(err), exit_(exit) {}

namespace {

std::string full_name(const testing::TestInfo& test_info) {
  return std::string(test_info.test_suite_name()) + "." + test_info.name();
}

}  // namespace

void GuardListener::start() {
  // The ctest-time guard sets this before the process starts; run by hand,
  // nothing is recorded, and no test pays for building its name.
  recording_ = environment_.get(kRunDirectoryVariable).has_value();
  const std::optional<std::string_view> caller = environment_.get(kEnvironmentVariable);
  if (decide_caller(policy_, caller) == CallerDecision::Refused) {
    refused_caller_ = std::string(*caller);
    return;
  }
  // As the ctest-time guard judges them, so that running the binary by hand
  // is no way around it.
  const std::vector<Violation> refused = check_caller_values(policy_, environment_);
  if (!refused.empty()) {
    std::ostringstream message;
    write_session_violations(message, refused, policy_, false);
    refused_message_ = message.str();
    return;
  }
  watched_ = checked_variable_names(policy_);
  force();
  remember();
}

void GuardListener::OnTestProgramStart(const testing::UnitTest&) {
  if (refused_caller_) {
    write_refusal(err_, policy_, *refused_caller_);
  } else if (!refused_message_.empty()) {
    err_ << refused_message_;
  } else {
    return;
  }
  err_.flush();
  exit_(1);
}

void GuardListener::OnTestStart(const testing::TestInfo& test_info) {
  check(test_info, GuardPhase::BeforeTest);
}

void GuardListener::OnTestEnd(const testing::TestInfo& test_info) {
  const bool kept = check(test_info, GuardPhase::AfterTest);
  if (recording_) {
    record_run(environment_, kept && !refused_before_ ? RunOutcome::Ok : RunOutcome::Refused,
               full_name(test_info));
  }
  refused_before_ = false;
}

bool GuardListener::check(const testing::TestInfo& test_info, GuardPhase phase) {
  if (environment_.unchanged()) return true;
  const std::vector<Violation> violations =
      check_environment(policy_, environment_, Absent::IsViolation);
  if (violations.empty()) {
    remember();
    return true;
  }
  if (phase == GuardPhase::BeforeTest) refused_before_ = true;
  std::ostringstream message;
  write_guard_violations(message, full_name(test_info), phase, violations, policy_);
  // Recorded against the running test: GoogleTest calls OnTestStart after
  // it made the test current and OnTestEnd before it lets go of it.
  ADD_FAILURE() << message.str();
  violated_ = true;
  force();
  return false;
}

void GuardListener::remember() { environment_.remember(watched_); }

void GuardListener::force() {
  for (const Variable& variable : policy_.forced) {
    environment_.assign(variable.name, variable.value);
  }
}

}  // namespace staging
