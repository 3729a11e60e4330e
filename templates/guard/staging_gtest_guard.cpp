// The GoogleTest guard: the per-test layer of the staging policy inside a
// GoogleTest binary. Linked into a test target by add_staging_gtest() (or by
// hand, as StagingTests::gtest_guard); compiled inside that target, with its
// GoogleTest and its standard (C++11 and newer), and needs no change to the
// test sources: GoogleTest's own main() and a project's both work.
//
// - Before main(): the caller is judged and the forced variables are set.
// - At program start, after --gtest_list_tests has returned (so discovery
//   is never blocked) and before any environment set-up or case: a refused
//   caller ends the process.
// - Before and after every case: a changed forced variable, or a value a
//   REFUSE rule matches, fails the case, naming it, and is put back.
// - When the process ends, however: once more, and a failure found anywhere
//   ends it by SIGKILL, so that ctest reports it failed even when the case
//   printed GoogleTest's skip marker or main() ignored RUN_ALL_TESTS().
#include <gtest/gtest.h>

#include <string>

#include "staging/guard_api.hpp"

namespace {

std::string full_name(const ::testing::TestInfo& info) {
  return std::string(info.test_suite_name()) + "." + info.name();
}

class GuardListener final : public ::testing::EmptyTestEventListener {
 public:
  void OnTestProgramStart(const ::testing::UnitTest&) override {
    staging_guard::refuse_if_refused();
  }

  void OnTestStart(const ::testing::TestInfo& info) override {
    started_ = &info;
    name_ = full_name(info);
    staging_guard::set_current_case(name_);
    const std::string failure = staging_guard::check(name_, staging_guard::Phase::BeforeCase);
    if (!failure.empty()) {
      started_changed_ = true;
      // Recorded against the running case: GoogleTest calls OnTestStart
      // after it made the case current.
      ADD_FAILURE() << failure;
    }
  }

  // GoogleTest calls end events in reverse order, so this runs before the
  // printers report the case, and the failure is part of its result.
  void OnTestEnd(const ::testing::TestInfo& info) override {
    // The name OnTestStart made for this case (GoogleTest pairs the two).
    if (started_ != &info) name_ = full_name(info);
    const std::string& name = name_;
    const std::string failure = staging_guard::check(name, staging_guard::Phase::AfterCase);
    if (!failure.empty()) ADD_FAILURE() << failure;
    staging_guard::record(name, failure.empty() && !started_changed_);
    started_changed_ = false;
    staging_guard::set_current_case(std::string());
    started_ = nullptr;
  }

 private:
  bool started_changed_ = false;
  const ::testing::TestInfo* started_ = nullptr;
  std::string name_;
};

// GoogleTest's internal death-test flag silences every listener; outside a
// death test it would run the cases unguarded.
bool silenced() {
#if GTEST_HAS_DEATH_TEST
#if defined(GTEST_FLAG_GET)
  const std::string flag = GTEST_FLAG_GET(internal_run_death_test);
#else
  const std::string flag = ::testing::GTEST_FLAG(internal_run_death_test);
#endif
  return !flag.empty() && !staging_guard::in_death_test_child();
#else
  return false;
#endif
}

const bool registered = [] {
  staging_guard::start(staging_guard::Framework::GoogleTest, &silenced);
  // GoogleTest owns and deletes its listeners.
  ::testing::UnitTest::GetInstance()->listeners().Append(new GuardListener);
  return true;
}();

}  // namespace
