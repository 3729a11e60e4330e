// The Catch2 guard: the per-test layer of the staging policy inside a Catch2
// binary, v2 (catch2/catch.hpp) or v3 (installed, or the amalgamated
// catch_amalgamated.hpp). Linked into a test target by add_staging_catch()
// (or by hand, as StagingTests::catch2_guard); compiled inside that target,
// with its Catch2 and its standard, and needs no change to the test sources:
// Catch2's own main() and a project's both work.
//
// As the GoogleTest guard (staging_gtest_guard.cpp), but Catch2 forbids
// assertions in a listener: a case that changed a forced variable is named
// on stderr, the value is put back, and the process ends by SIGKILL when it
// ends, so that ctest reports it failed whatever Catch2 reported (a SKIP,
// SKIP_RETURN_CODE 4 without SKIP_IS_FAILURE, a pass).
#if __has_include(<catch2/reporters/catch_reporter_event_listener.hpp>)
#include <catch2/reporters/catch_reporter_event_listener.hpp>
#include <catch2/reporters/catch_reporter_registrars.hpp>
#define STAGING_CATCH2_V3 1
#elif __has_include(<catch_amalgamated.hpp>)
#include <catch_amalgamated.hpp>
#define STAGING_CATCH2_V3 1
#else
// Catch2 v2 lets a listener live outside the file that defines main() only
// with its external interfaces.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>
#define STAGING_CATCH2_V3 0
#endif

#include <iostream>
#include <string>

#include "staging/guard_api.hpp"

namespace {

#if STAGING_CATCH2_V3
using ListenerBase = Catch::EventListenerBase;
const Catch::TestCaseInfo& info_of(const Catch::TestCaseStats& stats) { return *stats.testInfo; }
#else
using ListenerBase = Catch::TestEventListenerBase;
const Catch::TestCaseInfo& info_of(const Catch::TestCaseStats& stats) { return stats.testInfo; }
#endif

class StagingListener final : public ListenerBase {
 public:
  using ListenerBase::ListenerBase;

  // Listing the cases never gets here, so discovery works in any shell.
  void testRunStarting(const Catch::TestRunInfo& info) override {
    ListenerBase::testRunStarting(info);
    staging_guard::refuse_if_refused();
  }

  void testCaseStarting(const Catch::TestCaseInfo& info) override {
    ListenerBase::testCaseStarting(info);
    staging_guard::set_current_case(info.name);
    const std::string failure = staging_guard::check(info.name, staging_guard::Phase::BeforeCase);
    started_changed_ = !failure.empty();
    // Only a failure is written: an empty write still builds a sentry and
    // flushes std::cout (std::cerr's tie) and std::cerr, twice per case.
    if (!failure.empty()) std::cerr << failure;
  }

  void testCaseEnded(const Catch::TestCaseStats& stats) override {
    const std::string& name = info_of(stats).name;
    const std::string failure = staging_guard::check(name, staging_guard::Phase::AfterCase);
    if (!failure.empty()) std::cerr << failure;
    staging_guard::record(name, failure.empty() && !started_changed_);
    started_changed_ = false;
    staging_guard::set_current_case(std::string());
    ListenerBase::testCaseEnded(stats);
  }

 private:
  bool started_changed_ = false;
};

const bool registered = [] {
  staging_guard::start(staging_guard::Framework::Catch2);
  return true;
}();

}  // namespace

CATCH_REGISTER_LISTENER(StagingListener)
