#include "staging/gtest_guard.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fakes.hpp"

namespace {

using staging::GuardListener;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::SeedPolicy;

int exit_code = -1;
void record_exit(int code) { exit_code = code; }

class GuardListenerTest : public testing::Test {
 protected:
  void SetUp() override { exit_code = -1; }

  const testing::TestInfo& this_test() const {
    return *testing::UnitTest::GetInstance()->current_test_info();
  }

  SeedPolicy seed;
  staging::Policy policy = seed.policy();
  FakeEnvironment environment;
  std::ostringstream err;
  GuardListener listener{policy, environment, err, &record_exit};
};

TEST_F(GuardListenerTest, StartForcesEveryVariableWhenTheCallerNamedNone) {
  listener.start();
  EXPECT_EQ(environment.get("ENVIRONMENT"), "staging");
  EXPECT_EQ(environment.get("AZURE_KEY_VAULT_NAME"), "engram-staging-vault");
  EXPECT_EQ(environment.get("AZURE_KEYVAULT_URL"),
            "https://engram-staging-vault.vault.azure.net/");
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EQ(exit_code, -1);
  EXPECT_EQ(err.str(), "");
}

TEST_F(GuardListenerTest, StartRefusesAnotherVaultLikeTheCtestGuard) {
  environment.set("ENVIRONMENT", " Staging").set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  listener.start();
  EXPECT_EQ(environment.get("AZURE_KEY_VAULT_NAME"), "engram-prod-vault") << "nothing forced";
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EQ(exit_code, 1);
  EXPECT_NE(err.str().find("StagingTests: session refused: AZURE_KEY_VAULT_NAME is "
                           "'engram-prod-vault', required 'engram-staging-vault'\n"),
            std::string::npos)
      << err.str();
}

TEST_F(GuardListenerTest, StartOverridesAnotherVaultUnderForce) {
  seed.on_mismatch = staging::OnMismatch::Force;
  policy = seed.policy();
  GuardListener forcing{policy, environment, err, &record_exit};
  environment.set("ENVIRONMENT", " Staging").set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  forcing.start();
  EXPECT_EQ(environment.get("ENVIRONMENT"), "staging");
  EXPECT_EQ(environment.get("AZURE_KEY_VAULT_NAME"), "engram-staging-vault");
  forcing.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EQ(exit_code, -1);
}

TEST_F(GuardListenerTest, ARefusedPassThroughValueEndsTheProgramAtStart) {
  seed.refuse = {{"AZURE_AI_ENDPOINT", "prod"}};
  policy = seed.policy();
  GuardListener refusing{policy, environment, err, &record_exit};
  environment.set("AZURE_AI_ENDPOINT", "https://engram-prod-ai.example/");
  refusing.start();
  refusing.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EQ(exit_code, 1);
  EXPECT_NE(err.str().find("it contains the refused word 'prod' (REFUSE AZURE_AI_ENDPOINT "
                           "MATCHES prod)"),
            std::string::npos)
      << err.str();
}

TEST_F(GuardListenerTest, ATestThatSetsARefusedValueFails) {
  seed.refuse = {{"AZURE_AI_ENDPOINT", "prod"}};
  policy = seed.policy();
  GuardListener refusing{policy, environment, err, &record_exit};
  refusing.start();
  refusing.OnTestStart(this_test());
  environment.set("AZURE_AI_ENDPOINT", "https://prod.example/");
  EXPECT_NONFATAL_FAILURE(refusing.OnTestEnd(this_test()),
                          "changed the environment while it ran: AZURE_AI_ENDPOINT is "
                          "'https://prod.example/': it contains the refused word 'prod'");
  environment.unset("AZURE_AI_ENDPOINT");
}

TEST_F(GuardListenerTest, ARefusedCallerEndsTheProgramAtStartWithTheSeedMessage) {
  environment.set("ENVIRONMENT", "production");
  listener.start();
  EXPECT_EQ(environment.get("ENVIRONMENT"), "production") << "nothing is forced on a refusal";
  EXPECT_EQ(environment.get("AZURE_KEY_VAULT_NAME"), std::nullopt);
  EXPECT_EQ(exit_code, -1) << "listing tests (discovery) must still work before start";
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EQ(exit_code, 1);
  EXPECT_EQ(err.str(),
            staging_test::kProductionRefusal);
}

TEST_F(GuardListenerTest, ForcePolicyOverridesARefusedCaller) {
  seed.on_mismatch = staging::OnMismatch::Force;
  policy = seed.policy();
  GuardListener forcing{policy, environment, err, &record_exit};
  environment.set("ENVIRONMENT", "production");
  forcing.start();
  forcing.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EQ(exit_code, -1);
  EXPECT_EQ(environment.get("ENVIRONMENT"), "staging");
}

TEST_F(GuardListenerTest, AnUnchangedEnvironmentAddsNoFailure) {
  listener.start();
  listener.OnTestStart(this_test());
  listener.OnTestEnd(this_test());
  EXPECT_FALSE(listener.violated());
}

TEST_F(GuardListenerTest, ATestThatChangesEnvironmentFailsNamingItAndIsRestored) {
  listener.start();
  listener.OnTestStart(this_test());
  environment.set("ENVIRONMENT", "production");
  EXPECT_NONFATAL_FAILURE(
      listener.OnTestEnd(this_test()),
      "StagingTests: test 'GuardListenerTest."
      "ATestThatChangesEnvironmentFailsNamingItAndIsRestored' changed the environment while it "
      "ran: ENVIRONMENT is 'production', required 'staging'");
  EXPECT_TRUE(listener.violated());
  EXPECT_EQ(environment.get("ENVIRONMENT"), "staging") << "the next test starts clean";
}

TEST_F(GuardListenerTest, AVariableRemovedBeforeATestFailsThatTest) {
  listener.start();
  environment.unset("AZURE_KEYVAULT_URL");
  EXPECT_NONFATAL_FAILURE(listener.OnTestStart(this_test()),
                          "started with a changed environment: AZURE_KEYVAULT_URL is not set, "
                          "required 'https://engram-staging-vault.vault.azure.net/'");
  EXPECT_EQ(environment.get("AZURE_KEYVAULT_URL"),
            "https://engram-staging-vault.vault.azure.net/");
}

TEST_F(GuardListenerTest, AnotherLetterCaseIsTheSameEnvironment) {
  listener.start();
  environment.set("ENVIRONMENT", "STAGING");
  listener.OnTestEnd(this_test());
  EXPECT_FALSE(listener.violated());
}

TEST_F(GuardListenerTest, AHostileValueCannotSpellTheSkipMarker) {
  listener.start();
  environment.set("ENVIRONMENT", staging_test::kSkipMarker);
  testing::TestPartResultArray failures;
  {
    testing::ScopedFakeTestPartResultReporter reporter(
        testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    listener.OnTestEnd(this_test());
  }
  ASSERT_EQ(failures.size(), 1);
  const std::string message = failures.GetTestPartResult(0).message();
  EXPECT_NE(message.find("changed the environment while it ran"), std::string::npos)
      << defused(message);
  EXPECT_EQ(message.find(staging_test::kSkipMarker), std::string::npos) << defused(message);
}

}  // namespace

namespace {

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

TEST_F(GuardListenerTest, UnderTheCtestGuardEachTestIsRecorded) {
  const std::string directory = testing::TempDir() + "staging_guard_record";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  environment.set("STAGING_TESTS_RUN_DIR", directory);
  listener.start();
  listener.OnTestStart(this_test());
  listener.OnTestEnd(this_test());
  environment.set("ENVIRONMENT", "uat");
  EXPECT_NONFATAL_FAILURE(listener.OnTestEnd(this_test()), "ENVIRONMENT is 'uat'");
  EXPECT_EQ(read_file(directory + "/tests.log"),
            "ok GuardListenerTest.UnderTheCtestGuardEachTestIsRecorded\n"
            "refused GuardListenerTest.UnderTheCtestGuardEachTestIsRecorded\n");
  std::filesystem::remove_all(directory);
}

TEST_F(GuardListenerTest, RunByHandNothingIsRecorded) {
  const std::string directory = testing::TempDir() + "staging_guard_no_record";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  listener.start();
  // Set after start(): the guard reads it once, as the ctest guard sets it
  // before the process starts.
  environment.set("STAGING_TESTS_RUN_DIR", directory);
  listener.OnTestEnd(this_test());
  EXPECT_FALSE(std::filesystem::exists(directory + "/tests.log"));
  std::filesystem::remove_all(directory);
}

#ifndef _WIN32
// The fast path with the real process environment: each way a test can
// change a forced value must still fail it.
class ProcessGuardTest : public testing::Test {
 protected:
  void SetUp() override {
    exit_code = -1;
    // A run record would read the environment after every test.
    for (const char* name : {"ENVIRONMENT", "STAGING_TESTS_RUN_DIR", "STAGING_UNIT_ENDPOINT"}) {
      const char* caller = std::getenv(name);
      saved_.emplace_back(name, caller != nullptr ? std::optional<std::string>(caller)
                                                  : std::nullopt);
      unsetenv(name);
    }
    listener_.start();
    ASSERT_STREQ(std::getenv("ENVIRONMENT"), "staging");
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name, value->c_str(), 1);
      } else {
        unsetenv(name);
      }
    }
  }
  const testing::TestInfo& this_test() const {
    return *testing::UnitTest::GetInstance()->current_test_info();
  }

  SeedPolicy seed = [] {
    SeedPolicy only_environment;
    only_environment.without_vault();
    return only_environment;
  }();
  staging::Policy policy_ = seed.policy();
  staging::ProcessEnvironment environment_;
  std::ostringstream err_;
  GuardListener listener_{policy_, environment_, err_, &record_exit};
  std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

TEST_F(ProcessGuardTest, AnUntouchedEnvironmentPasses) {
  listener_.OnTestStart(this_test());
  listener_.OnTestEnd(this_test());
  EXPECT_FALSE(listener_.violated());
}

TEST_F(ProcessGuardTest, SetenvFails) {
  listener_.OnTestStart(this_test());
  setenv("ENVIRONMENT", "production", 1);
  EXPECT_NONFATAL_FAILURE(listener_.OnTestEnd(this_test()),
                          "ENVIRONMENT is 'production', required 'staging'");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging") << "restored";
}

TEST_F(ProcessGuardTest, AnInPlaceEditFails) {
  listener_.OnTestStart(this_test());
  std::getenv("ENVIRONMENT")[0] = 'x';
  EXPECT_NONFATAL_FAILURE(listener_.OnTestEnd(this_test()),
                          "ENVIRONMENT is 'xtaging', required 'staging'");
}

TEST_F(ProcessGuardTest, UnsetenvFails) {
  listener_.OnTestStart(this_test());
  unsetenv("ENVIRONMENT");
  EXPECT_NONFATAL_FAILURE(listener_.OnTestEnd(this_test()),
                          "ENVIRONMENT is not set, required 'staging'");
}

TEST_F(ProcessGuardTest, AChangeBetweenTestsFailsTheNextOneAtItsStart) {
  listener_.OnTestStart(this_test());
  listener_.OnTestEnd(this_test());
  setenv("ENVIRONMENT", "uat", 1);
  EXPECT_NONFATAL_FAILURE(listener_.OnTestStart(this_test()),
                          "started with a changed environment: ENVIRONMENT is 'uat'");
}

TEST_F(ProcessGuardTest, PutenvFailsNamingTheTestAndBothValues) {
  static char entry[] = "ENVIRONMENT=production";
  listener_.OnTestStart(this_test());
  ASSERT_EQ(putenv(entry), 0);
  EXPECT_NONFATAL_FAILURE(listener_.OnTestEnd(this_test()),
                          "test 'ProcessGuardTest.PutenvFailsNamingTheTestAndBothValues' changed "
                          "the environment while it ran: ENVIRONMENT is 'production', required "
                          "'staging'");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging") << "restored";
}

TEST_F(ProcessGuardTest, AnInPlaceEditBetweenTestsFailsTheNextOneAtItsStart) {
  listener_.OnTestStart(this_test());
  listener_.OnTestEnd(this_test());
  std::memcpy(std::getenv("ENVIRONMENT"), "uat", 4);
  EXPECT_NONFATAL_FAILURE(listener_.OnTestStart(this_test()),
                          "test 'ProcessGuardTest.AnInPlaceEditBetweenTestsFailsTheNextOneAtIts"
                          "Start' started with a changed environment: ENVIRONMENT is 'uat', "
                          "required 'staging'");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging") << "restored";
}

TEST_F(ProcessGuardTest, AnInPlaceEditOfTheNameFails) {
  listener_.OnTestStart(this_test());
  char* const value = std::getenv("ENVIRONMENT");
  value[-2] = 'X';  // "ENVIRONMENX=staging"
  EXPECT_NONFATAL_FAILURE(listener_.OnTestEnd(this_test()),
                          "ENVIRONMENT is not set, required 'staging'");
  unsetenv("ENVIRONMENX");
}

TEST_F(ProcessGuardTest, ReplacingEnvironFails) {
  static char production[] = "ENVIRONMENT=production";
  std::vector<char*> replacement;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    replacement.push_back(std::strncmp(*entry, "ENVIRONMENT=", 12) == 0 ? production : *entry);
  }
  replacement.push_back(nullptr);
  char** const saved = environ;
  listener_.OnTestStart(this_test());
  environ = replacement.data();
  EXPECT_NONFATAL_FAILURE(listener_.OnTestEnd(this_test()),
                          "test 'ProcessGuardTest.ReplacingEnvironFails' changed the environment "
                          "while it ran: ENVIRONMENT is 'production', required 'staging'");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging") << "restored in the test's array";
  environ = saved;
}

// Every entry is compared, wherever it is in the array: a copy of one entry
// written over it, at each position in turn, is noticed. Four array lengths,
// as the comparison goes four entries at a time.
TEST_F(ProcessGuardTest, AnEntryReplacedAnywhereIsNoticed) {
  const std::vector<std::string_view> watched{"ENVIRONMENT"};
  for (const char* padding :
       {"", "STAGING_UNIT_PAD_1", "STAGING_UNIT_PAD_2", "STAGING_UNIT_PAD_3"}) {
    if (*padding != '\0') {
      ASSERT_EQ(setenv(padding, "1", 1), 0);
    }
    environment_.remember(watched);
    ASSERT_TRUE(environment_.unchanged());
    std::size_t count = 0;
    while (environ[count] != nullptr) ++count;
    for (std::size_t i = 0; i < count; ++i) {
      char* const original = environ[i];
      std::string copy = original;
      environ[i] = copy.data();
      EXPECT_FALSE(environment_.unchanged()) << "entry " << i << " of " << count;
      environ[i] = original;
      EXPECT_TRUE(environment_.unchanged());
    }
  }
  for (const char* padding : {"STAGING_UNIT_PAD_1", "STAGING_UNIT_PAD_2", "STAGING_UNIT_PAD_3"}) {
    unsetenv(padding);
  }
}

TEST_F(ProcessGuardTest, AnEqualCopyOfEnvironPasses) {
  std::vector<char*> copy;
  for (char** entry = environ; *entry != nullptr; ++entry) copy.push_back(*entry);
  copy.push_back(nullptr);
  char** const saved = environ;
  listener_.OnTestStart(this_test());
  environ = copy.data();
  listener_.OnTestEnd(this_test());
  listener_.OnTestStart(this_test());
  environ = saved;
  listener_.OnTestEnd(this_test());
  EXPECT_FALSE(listener_.violated());
}

// The fast path's point: an untouched environment is not read at all.
TEST_F(ProcessGuardTest, AnUntouchedEnvironmentIsNotRead) {
  staging_test::CountingEnvironment counting{environment_};
  GuardListener guard{policy_, counting, err_, &record_exit};
  guard.start();
  counting.reads = 0;
  for (int i = 0; i < 3; ++i) {
    guard.OnTestStart(this_test());
    guard.OnTestEnd(this_test());
  }
  EXPECT_EQ(counting.reads, 0);
  ASSERT_EQ(setenv("STAGING_UNIT_OTHER_VARIABLE", "1", 1), 0);
  guard.OnTestStart(this_test());
  EXPECT_GT(counting.reads, 0) << "any change: a full check";
  counting.reads = 0;
  guard.OnTestEnd(this_test());
  EXPECT_EQ(counting.reads, 0) << "remembered again after the full check passed";
  EXPECT_FALSE(guard.violated());
  unsetenv("STAGING_UNIT_OTHER_VARIABLE");
}

// A REFUSE rule's pass-through value is watched by the fast path like a
// forced one.
class ProcessRefuseGuardTest : public ProcessGuardTest {
 protected:
  void SetUp() override {
    ProcessGuardTest::SetUp();
    ASSERT_EQ(setenv("STAGING_UNIT_ENDPOINT", "https://stag.example/", 1), 0);
    refusing_.start();
    refusing_.OnTestProgramStart(*testing::UnitTest::GetInstance());
    ASSERT_EQ(exit_code, -1) << err_.str();
    refusing_.OnTestStart(this_test());
    refusing_.OnTestEnd(this_test());
    ASSERT_FALSE(refusing_.violated());
  }

  SeedPolicy refusing_seed_ = [this] {
    SeedPolicy refusing = seed;
    refusing.pass_through = {"STAGING_UNIT_ENDPOINT"};
    refusing.refuse = {{"STAGING_UNIT_ENDPOINT", "prod"}};
    return refusing;
  }();
  staging::Policy refusing_policy_ = refusing_seed_.policy();
  GuardListener refusing_{refusing_policy_, environment_, err_, &record_exit};
};

TEST_F(ProcessRefuseGuardTest, AnInPlaceEditFails) {
  refusing_.OnTestStart(this_test());
  std::memcpy(std::getenv("STAGING_UNIT_ENDPOINT") + 8, "prod", 4);
  EXPECT_NONFATAL_FAILURE(refusing_.OnTestEnd(this_test()),
                          "test 'ProcessRefuseGuardTest.AnInPlaceEditFails' changed the "
                          "environment while it ran: STAGING_UNIT_ENDPOINT is "
                          "'https://prod.example/': it contains the refused word 'prod'");
}

TEST_F(ProcessRefuseGuardTest, SetenvBetweenTestsFailsTheNextOne) {
  ASSERT_EQ(setenv("STAGING_UNIT_ENDPOINT", "https://prod.example/", 1), 0);
  EXPECT_NONFATAL_FAILURE(refusing_.OnTestStart(this_test()),
                          "started with a changed environment: STAGING_UNIT_ENDPOINT is "
                          "'https://prod.example/': it contains the refused word 'prod'");
}

TEST_F(ProcessRefuseGuardTest, SettingItWhenUnsetFails) {
  unsetenv("STAGING_UNIT_ENDPOINT");
  refusing_.OnTestStart(this_test());
  refusing_.OnTestEnd(this_test());
  ASSERT_FALSE(refusing_.violated()) << "unset is allowed";
  refusing_.OnTestStart(this_test());
  static char entry[] = "STAGING_UNIT_ENDPOINT=https://prod.example/";
  ASSERT_EQ(putenv(entry), 0);
  EXPECT_NONFATAL_FAILURE(refusing_.OnTestEnd(this_test()),
                          "STAGING_UNIT_ENDPOINT is 'https://prod.example/'");
  unsetenv("STAGING_UNIT_ENDPOINT");
}
#endif

}  // namespace
