// The doctest guard: the per-test layer of the staging policy inside a
// doctest binary (2.4 and newer). Linked into a test target by
// add_staging_doctest() (or by hand, as StagingTests::doctest_guard);
// compiled inside that target, with its doctest and its standard (C++11 and
// newer), and needs no change to the test sources: doctest's own main()
// and a project's both work, since a listener registers itself.
//
// As the GoogleTest guard (staging_gtest_guard.cpp), but a listener cannot
// fail a case in doctest's terms: a case that changed a forced variable is
// named on stderr, the value is put back, and the process ends by SIGKILL
// when it ends, so that ctest reports it failed whatever doctest reported.
#include <doctest/doctest.h>

#include <iostream>
#include <string>

#include "staging/guard_api.hpp"

namespace {

struct StagingListener final : doctest::IReporter {
  explicit StagingListener(const doctest::ContextOptions&) {}

  // Listing (--list-test-cases) reports a query and never gets here, so
  // discovery works in any shell.
  void test_run_start() override { staging_guard::refuse_if_refused(); }

  void test_case_start(const doctest::TestCaseData& data) override {
    current_ = data.m_name;  // one copy, into the buffer of the previous case's name
    staging_guard::set_current_case(current_);
    const std::string failure = staging_guard::check(current_, staging_guard::Phase::BeforeCase);
    started_changed_ = !failure.empty();
    // Only a failure is written: an empty write still builds a sentry and
    // flushes std::cout (std::cerr's tie) and std::cerr, twice per case.
    if (!failure.empty()) std::cerr << failure;
  }

  void test_case_end(const doctest::CurrentTestCaseStats&) override {
    // doctest's stats do not name the case; the start did. Nothing else
    // writes current_ until the next start.
    const std::string& name = current_;
    const std::string failure = staging_guard::check(name, staging_guard::Phase::AfterCase);
    if (!failure.empty()) std::cerr << failure;
    staging_guard::record(name, failure.empty() && !started_changed_);
    started_changed_ = false;
    staging_guard::set_current_case(std::string());
  }

  void report_query(const doctest::QueryData&) override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}

 private:
  std::string current_;
  bool started_changed_ = false;
};

const bool registered = [] {
  staging_guard::start(staging_guard::Framework::Doctest);
  return true;
}();

}  // namespace

REGISTER_LISTENER("staging_tests", 1, StagingListener);
