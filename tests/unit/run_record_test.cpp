#include "staging/run_record.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fakes.hpp"

namespace {

namespace fs = std::filesystem;
using staging::RunOutcome;
using staging_test::FakeEnvironment;

class RunRecordTest : public testing::Test {
 protected:
  void SetUp() override {
    directory = fs::temp_directory_path() /
                ("staging_run_record_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "_" + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory);
    fs::create_directories(directory);
  }
  void TearDown() override { fs::remove_all(directory); }

  std::string record() const {
    std::ifstream file(directory / "tests.log");
    std::stringstream content;
    content << file.rdbuf();
    return content.str();
  }

  fs::path directory;
};

TEST_F(RunRecordTest, AppendsOneLinePerTest) {
  FakeEnvironment environment{{"STAGING_TESTS_RUN_DIR", directory.string()}};
  staging::record_run(environment, RunOutcome::Ok, "chat_smoke");
  staging::record_run(environment, RunOutcome::Refused, "Suite.name/0");
  EXPECT_EQ(record(), "ok chat_smoke\nrefused Suite.name/0\n");
}

TEST_F(RunRecordTest, RecordsNothingOutsideTheGuard) {
  FakeEnvironment environment;
  staging::record_run(environment, RunOutcome::Ok, "chat_smoke");
  EXPECT_FALSE(fs::exists(directory / "tests.log"));
}

TEST_F(RunRecordTest, AMissingDirectoryIsNotAnError) {
  FakeEnvironment environment{{"STAGING_TESTS_RUN_DIR", (directory / "gone").string()}};
  staging::record_run(environment, RunOutcome::Ok, "chat_smoke");
  EXPECT_FALSE(fs::exists(directory / "gone"));
}

TEST_F(RunRecordTest, AnOverlongNameIsCutToOneLine) {
  FakeEnvironment environment{{"STAGING_TESTS_RUN_DIR", directory.string()}};
  staging::record_run(environment, RunOutcome::Ok, std::string(5000, 'x'));
  const std::string content = record();
  ASSERT_FALSE(content.empty());
  EXPECT_EQ(content.back(), '\n');
  EXPECT_EQ(content.find('\n'), content.size() - 1);
  EXPECT_LT(content.size(), 1024u);
}

}  // namespace

// The modes leave the records the checklist reads.
#include "staging/modes.hpp"

namespace {

struct NoExec final : staging::Exec {
  staging::ExecResult exec(char* const[]) const override {
    staging::ExecResult result;
    result.started = true;
    return result;
  }
};

int run_mode(const staging::Policy& policy, const FakeEnvironment& environment,
             std::vector<std::string> arguments) {
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::ostringstream out;
  std::ostringstream err;
  return staging::run_mode(policy, environment, static_cast<int>(argv.size() - 1), argv.data(),
                           out, err, NoExec{});
}

TEST_F(RunRecordTest, TheSessionLeavesItsStampOnlyWhenItPasses) {
  const staging_test::SeedPolicy seed;
  FakeEnvironment environment = seed.staged();
  environment.set("STAGING_TESTS_GUARD", "1").set("STAGING_TESTS_RUN_DIR", directory.string());
  environment.set("STAGING_TESTS_CALLER_ENVIRONMENT", "production");
  EXPECT_EQ(run_mode(seed.policy(), environment, {"staging_tests_check", "session"}), 1);
  EXPECT_FALSE(fs::exists(directory / "session.ok"));
  environment.unset("STAGING_TESTS_CALLER_ENVIRONMENT");
  EXPECT_EQ(run_mode(seed.policy(), environment, {"staging_tests_check", "session"}), 0);
  EXPECT_TRUE(fs::exists(directory / "session.ok"));
}

TEST_F(RunRecordTest, RunModeRecordsEachCheckedTest) {
  const staging_test::SeedPolicy seed;
  FakeEnvironment environment = seed.staged();
  environment.set("STAGING_TESTS_RUN_DIR", directory.string());
  EXPECT_EQ(run_mode(seed.policy(), environment, {"staging_tests_check", "run", "good", "--", "true"}), 0);
  environment.set("ENVIRONMENT", "production");
  EXPECT_EQ(run_mode(seed.policy(), environment, {"staging_tests_check", "run", "bad", "--", "true"}), 1);
  EXPECT_EQ(record(), "ok good\nrefused bad\n");
}

}  // namespace
