// The GoogleTest guard: the seed's per-test fixture (layer 3) inside a test
// binary. Linked into a test target by add_staging_gtest() (or by hand, as
// StagingTests::gtest_guard); it needs no change to the test sources and works
// with GoogleTest's own main() and with a project's.
//
// - Before main: a caller's ENVIRONMENT that the policy refuses is noted, and
//   so are a caller's other vault and values a REFUSE rule matches; else
//   every forced variable is set (the seed's setdefault, made exact).
// - At program start (after --gtest_list_tests has returned, so discovery is
//   never blocked, and before any environment set-up or test body): a refused
//   caller ends the process with the refusal and exit code 1. Failing inside
//   GoogleTest's environment set-up instead would print "[  SKIPPED ]", which
//   gtest_discover_tests' SKIP_REGULAR_EXPRESSION turns into a green skip.
// - Before and after every test: the forced variables must hold their values
//   and no REFUSE rule may match; a change fails that test, naming it, and
//   the forced values are restored so the tests after it are unaffected.
//   When the process environment is untouched since the last check passed
//   (MutableEnvironment::unchanged), the check costs a walk of `environ`.
#ifndef STAGING_GTEST_GUARD_HPP
#define STAGING_GTEST_GUARD_HPP

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "staging/environment.hpp"
#include "staging/messages.hpp"
#include "staging/policy.hpp"

namespace staging {

class GuardListener final : public testing::EmptyTestEventListener {
 public:
  using Exit = void (*)(int code);

  GuardListener(const Policy& policy, MutableEnvironment& environment, std::ostream& err,
                Exit exit);

  // Judges the caller's ENVIRONMENT and forces the policy's variables; called
  // once, before main().
  void start();

  void OnTestProgramStart(const testing::UnitTest& unit_test) override;
  void OnTestStart(const testing::TestInfo& test_info) override;
  void OnTestEnd(const testing::TestInfo& test_info) override;

  // Whether any test changed a forced variable.
  bool violated() const noexcept { return violated_; }

 private:
  // False when a forced variable had changed (and was restored).
  bool check(const testing::TestInfo& test_info, GuardPhase phase);
  void force();
  // After a full check passed: the next checks may take the fast path.
  void remember();

  const Policy& policy_;
  MutableEnvironment& environment_;
  std::ostream& err_;
  Exit exit_;
  std::optional<std::string> refused_caller_;
  std::string refused_message_;  // the caller's vault or a REFUSE rule
  std::vector<std::string_view> watched_;  // names whose values a check reads
  bool violated_ = false;
  bool refused_before_ = false;  // the running test started with a change
  bool recording_ = false;       // under the ctest-time guard: keep the run record
};

}  // namespace staging

#endif  // STAGING_GTEST_GUARD_HPP
