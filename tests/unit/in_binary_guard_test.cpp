// in_binary_guard.hpp: what a GoogleTest binary's guard does, driven with a
// fake environment (and, at the end, with the process's own).
#include "staging/in_binary_guard.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "fakes.hpp"

namespace {

using staging::GuardPhase;
using staging::InBinaryGuard;
using staging::RunLayer;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::kProductionRefusal;
using staging_test::kSkipMarker;
using staging_test::TestPolicy;

class InBinaryGuardTest : public ::testing::Test {
 protected:
  // Every forced variable, exactly once, with its value.
  void expect_forced(const FakeEnvironment& environment) const {
    for (const staging::Variable& variable : test_policy.forced) {
      EXPECT_EQ(environment.count(variable.name), 1u) << variable.name;
      EXPECT_EQ(environment.get(variable.name), std::string(variable.value)) << variable.name;
    }
  }

  TestPolicy test_policy = TestPolicy::sample();
  staging::Policy policy = test_policy.policy();
  FakeEnvironment environment;
};

// --- start ------------------------------------------------------------------

TEST_F(InBinaryGuardTest, StartForcesEveryVariableWhenTheCallerNamedNone) {
  environment.set("PATH", "/bin");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_EQ(guard.refusal(), "");
  expect_forced(environment);
  EXPECT_EQ(environment.get("PATH"), "/bin");
  EXPECT_FALSE(guard.violated());
}

TEST_F(InBinaryGuardTest, ARefusedCallerIsRefusedAndStillForced) {
  environment.set("ENVIRONMENT", "production");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_EQ(guard.refusal(), kProductionRefusal);
  // Were the refusal silenced, the cases would still see staging.
  expect_forced(environment);
}

TEST_F(InBinaryGuardTest, UnderForceARefusedCallerIsOverridden) {
  test_policy.on_mismatch = staging::OnMismatch::Force;
  policy = test_policy.policy();
  environment.set("ENVIRONMENT", "production").append("ENVIRONMENT", "uat");
  environment.set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_EQ(guard.refusal(), "");
  expect_forced(environment);
}

TEST_F(InBinaryGuardTest, AnotherVaultIsRefusedLikeTheCtestGuardDoes) {
  environment.set("ENVIRONMENT", " Staging").set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_EQ(guard.refusal().rfind("StagingTests: session refused: AZURE_KEY_VAULT_NAME is "
                                  "'engram-prod-vault', required 'engram-staging-vault'\n",
                                  0),
            0u)
      << guard.refusal();
  expect_forced(environment);
}

TEST_F(InBinaryGuardTest, ARefusedPassThroughValueIsRefusedAtStart) {
  environment.set("AZURE_AI_ENDPOINT", "https://engram-uat-ai.example/");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_NE(guard.refusal().find("it contains the refused word 'uat' (REFUSE AZURE_AI_ENDPOINT "
                                 "MATCHES uat)"),
            std::string::npos)
      << guard.refusal();
  expect_forced(environment);
}

// Run by hand, a binary judges the targets as the ctest-time guard does:
// another profile, and a kubeconfig of another context.
TEST_F(InBinaryGuardTest, ATargetOfAnotherEnvironmentIsRefusedAtStart) {
  staging_test::TempDirectory directory;
  const std::string kubeconfig = (directory.path() / "staging.kubeconfig").string();
  {
    std::ofstream file(kubeconfig);
    file << "apiVersion: v1\ncurrent-context: engram-prod\n";
  }
  test_policy.add_target({"aws", "aws"}, {{"aws", "AWS_PROFILE", staging::TargetRole::Name, true,
                                           "engram-staging"}});
  test_policy.add_target({"kubernetes", "kubernetes"},
                         {{"kubernetes", "KUBECONFIG", staging::TargetRole::Path, true, kubeconfig}});
  test_policy.target_fields = {{"kubernetes", "KUBECONFIG", "current-context", "engram-staging"}};
  policy = test_policy.policy();
  environment.set("AWS_PROFILE", "engram-sandbox");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_NE(guard.refusal().find("AWS_PROFILE is 'engram-sandbox', required 'engram-staging'"),
            std::string::npos)
      << guard.refusal();
  EXPECT_NE(guard.refusal().find("KUBECONFIG names a file whose current-context is 'engram-prod', "
                                 "required 'engram-staging'"),
            std::string::npos)
      << guard.refusal();
  expect_forced(environment);
}

TEST_F(InBinaryGuardTest, ADuplicatedCallerVariableIsRefusedAndLeftOnce) {
  environment.set("ENVIRONMENT", "staging").append("ENVIRONMENT", "production");
  InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_NE(guard.refusal().find("ENVIRONMENT is set more than once ('staging' first, "
                                 "'production' last)"),
            std::string::npos)
      << guard.refusal();
  expect_forced(environment);
}

// --- check ------------------------------------------------------------------

class CheckTest : public InBinaryGuardTest {
 protected:
  void SetUp() override {
    guard.start();
    ASSERT_EQ(guard.refusal(), "");
    assignments = environment.assignments;
  }
  std::string check(GuardPhase phase = GuardPhase::AfterTest) {
    return guard.check("Suite.Case", phase);
  }

  InBinaryGuard guard{policy, environment};
  int assignments = 0;
};

TEST_F(CheckTest, AnUnchangedEnvironmentPassesAndWritesNothing) {
  EXPECT_EQ(check(GuardPhase::BeforeTest), "");
  environment.set("PATH", "/usr/bin").append("UNRELATED", "x").append("UNRELATED", "y");
  EXPECT_EQ(check(GuardPhase::AfterTest), "");
  EXPECT_FALSE(guard.violated());
  EXPECT_EQ(environment.assignments, assignments);
}

TEST_F(CheckTest, AnotherLetterCaseIsTheSameEnvironment) {
  environment.set("ENVIRONMENT", " STAGING\n");
  EXPECT_EQ(check(), "");
  EXPECT_FALSE(guard.violated());
}

TEST_F(CheckTest, ASetenvIsCaughtNamedAndRestored) {
  environment.set("ENVIRONMENT", "production");
  EXPECT_EQ(check(), "StagingTests: test 'Suite.Case' changed the environment while it ran: "
                     "ENVIRONMENT is 'production', required 'staging'\n");
  EXPECT_TRUE(guard.violated());
  expect_forced(environment);
  EXPECT_EQ(check(GuardPhase::BeforeTest), "") << "the next case starts clean";
  EXPECT_TRUE(guard.violated()) << "and the program still fails";
}

TEST_F(CheckTest, AnInPlaceEditIsCaught) {
  char* bytes = environment.value_bytes("AZURE_KEYVAULT_URL");
  ASSERT_NE(bytes, nullptr);
  bytes[std::string_view("https://engram-").size()] = 'S';
  EXPECT_EQ(check(), "StagingTests: test 'Suite.Case' changed the environment while it ran: "
                     "AZURE_KEYVAULT_URL is 'https://engram-Staging-vault.vault.azure.net/', "
                     "required 'https://engram-staging-vault.vault.azure.net/'\n");
  expect_forced(environment);
}

TEST_F(CheckTest, AShortenedValueIsCaught) {
  char* bytes = environment.value_bytes("MEMORY_SERVICE_QUERY");
  ASSERT_NE(bytes, nullptr);
  bytes[3] = '\0';
  const std::string message = check();
  EXPECT_NE(message.find("MEMORY_SERVICE_QUERY is 'a=\"', required 'a=\"b\"\\\\c'"),
            std::string::npos)
      << message;
  expect_forced(environment);
}

TEST_F(CheckTest, ASecondEntryIsCaughtAndRemoved) {
  environment.append("ENVIRONMENT", "production");
  EXPECT_EQ(check(), "StagingTests: test 'Suite.Case' changed the environment while it ran: "
                     "ENVIRONMENT is set more than once ('staging' first, 'production' last): "
                     "programs disagree on its value (getenv reads the first entry, a shell the "
                     "last)\n");
  expect_forced(environment);
}

TEST_F(CheckTest, ASecondIdenticalEntryIsStillCaught) {
  environment.append("AZURE_KEY_VAULT_NAME", "engram-staging-vault");
  EXPECT_NE(check().find("AZURE_KEY_VAULT_NAME is set more than once"), std::string::npos);
  expect_forced(environment);
}

TEST_F(CheckTest, AnUnsetOrAClearedEnvironmentIsCaught) {
  environment.unset("AZURE_KEY_VAULT_NAME");
  EXPECT_EQ(check(GuardPhase::BeforeTest),
            "StagingTests: test 'Suite.Case' started with a changed environment: "
            "AZURE_KEY_VAULT_NAME is not set, required 'engram-staging-vault'\n");
  for (const staging::Variable& variable : test_policy.forced) environment.unset(variable.name);
  const std::string message = check(GuardPhase::AtExit);
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 4) << message;
  EXPECT_NE(message.find("' changed the environment and ended the process: ENVIRONMENT is not "
                         "set"),
            std::string::npos)
      << message;
  expect_forced(environment);
}

TEST_F(CheckTest, ARefusedValueFailsTheCase) {
  environment.set("AZURE_AI_ENDPOINT", "https://prod.example/");
  EXPECT_EQ(check(), "StagingTests: test 'Suite.Case' changed the environment while it ran: "
                     "AZURE_AI_ENDPOINT is 'https://prod.example/': it contains the refused word "
                     "'prod' (REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
  EXPECT_TRUE(guard.violated());
  // A pass-through value is the caller's: the guard has nothing to put back.
  EXPECT_EQ(environment.get("AZURE_AI_ENDPOINT"), "https://prod.example/");
  expect_forced(environment);
}

TEST_F(CheckTest, ASecondRefusedEntryIsCaught) {
  environment.append("AZURE_AI_ENDPOINT", "https://engram-staging-ai.example/")
      .append("AZURE_AI_ENDPOINT", "https://engram-prod-ai.example/");
  EXPECT_NE(check().find("AZURE_AI_ENDPOINT is set more than once"), std::string::npos);
  EXPECT_TRUE(guard.violated());
}

TEST_F(CheckTest, AHostileValueCannotSpellTheSkipMarker) {
  environment.set("ENVIRONMENT", kSkipMarker);
  const std::string message = check();
  EXPECT_NE(message.find("changed the environment while it ran"), std::string::npos)
      << defused(message);
  EXPECT_EQ(message.find(kSkipMarker), std::string::npos) << defused(message);
  const std::string named = guard.check(kSkipMarker, GuardPhase::AfterTest);
  EXPECT_EQ(named, "") << "nothing changed";
  environment.set("ENVIRONMENT", "x");
  EXPECT_EQ(guard.check(kSkipMarker, GuardPhase::AfterTest).find(kSkipMarker), std::string::npos);
}

// --- record -----------------------------------------------------------------

TEST_F(CheckTest, UnderCtestEachCaseIsRecorded) {
  const staging_test::TempDirectory directory;
  guard.record("Suite.NotYet", true, RunLayer::GoogleTest);
  EXPECT_FALSE(std::filesystem::exists(directory.path() / "tests.log")) << "not under ctest";
  environment.set("STAGING_TESTS_RUN_DIR", directory.string());
  guard.record("Suite.Good", true, RunLayer::GoogleTest);
  guard.record("Suite.Bad", false, RunLayer::GoogleTest);
  EXPECT_EQ(staging_test::read_text(directory.path() / "tests.log"),
            "ok gtest Suite.Good\nrefused gtest Suite.Bad\n");
  environment.set("STAGING_TESTS_RUN_DIR", "");
  guard.record("Suite.Empty", true, RunLayer::GoogleTest);
  EXPECT_EQ(staging_test::read_text(directory.path() / "tests.log"),
            "ok gtest Suite.Good\nrefused gtest Suite.Bad\n");
}

// --- the process environment ------------------------------------------------

#ifndef _WIN32
// The guard over the real environ: setenv, putenv, an edit through getenv()'s
// pointer and a second entry are all seen. Puts back what it changed.
class ProcessGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kNames) {
      const char* value = std::getenv(name);
      saved_.push_back(value == nullptr ? std::optional<std::string>() : std::string(value));
    }
    guard_.start();
    ASSERT_EQ(guard_.refusal(), "");
  }
  void TearDown() override {
    if (environ == array_.data()) environ = before_;
    for (std::size_t i = 0; i < std::size(kNames); ++i) {
      unsetenv(kNames[i]);
      if (saved_[i]) setenv(kNames[i], saved_[i]->c_str(), 1);
    }
  }
  void with_extra_entry(const char* extra) {
    before_ = environ;
    for (char** entry = environ; *entry != nullptr; ++entry) array_.push_back(*entry);
    array_.push_back(const_cast<char*>(extra));
    array_.push_back(nullptr);
    environ = array_.data();
  }
  std::size_t count(const char* name) const {
    std::size_t found = 0;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      found += staging::value_of(*entry, name) ? 1 : 0;
    }
    return found;
  }

  static constexpr const char* kNames[] = {"ENVIRONMENT", "AZURE_KEY_VAULT_NAME",
                                           "AZURE_KEYVAULT_URL", "MEMORY_SERVICE_QUERY",
                                           "AZURE_AI_ENDPOINT"};
  TestPolicy test_policy = TestPolicy::sample();
  staging::Policy policy_ = test_policy.policy();
  staging::ProcessEnvironment environment_;
  InBinaryGuard guard_{policy_, environment_};
  std::vector<std::optional<std::string>> saved_;
  char** before_ = nullptr;
  std::vector<char*> array_;
};

TEST_F(ProcessGuardTest, StartForcedTheProcessEnvironment) {
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
  EXPECT_STREQ(std::getenv("MEMORY_SERVICE_QUERY"), "a=\"b\"\\c");
  EXPECT_EQ(guard_.check("S.c", GuardPhase::BeforeTest), "");
}

TEST_F(ProcessGuardTest, Setenv) {
  ASSERT_EQ(setenv("ENVIRONMENT", "uat", 1), 0);
  EXPECT_NE(guard_.check("S.c", GuardPhase::AfterTest).find("ENVIRONMENT is 'uat'"),
            std::string::npos);
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

TEST_F(ProcessGuardTest, Putenv) {
  static char entry[] = "AZURE_KEY_VAULT_NAME=engram-prod-vault";
  ASSERT_EQ(putenv(entry), 0);
  EXPECT_NE(guard_.check("S.c", GuardPhase::AfterTest)
                .find("AZURE_KEY_VAULT_NAME is 'engram-prod-vault'"),
            std::string::npos);
  EXPECT_STREQ(std::getenv("AZURE_KEY_VAULT_NAME"), "engram-staging-vault");
}

TEST_F(ProcessGuardTest, AnEditThroughGetenvsPointer) {
  char* value = std::getenv("ENVIRONMENT");
  ASSERT_NE(value, nullptr);
  value[0] = 'p';
  value[1] = 'r';
  value[2] = 'o';
  value[3] = 'd';
  value[4] = '\0';
  EXPECT_NE(guard_.check("S.c", GuardPhase::AfterTest).find("ENVIRONMENT is 'prod'"),
            std::string::npos);
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

TEST_F(ProcessGuardTest, ASecondEntryInEnviron) {
  static const char kSecond[] = "ENVIRONMENT=production";
  with_extra_entry(kSecond);
  ASSERT_EQ(count("ENVIRONMENT"), 2u);
  EXPECT_NE(guard_.check("S.c", GuardPhase::AfterTest).find("ENVIRONMENT is set more than once"),
            std::string::npos);
  EXPECT_EQ(count("ENVIRONMENT"), 1u);
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

TEST_F(ProcessGuardTest, Unsetenv) {
  ASSERT_EQ(unsetenv("AZURE_KEYVAULT_URL"), 0);
  EXPECT_NE(guard_.check("S.c", GuardPhase::BeforeTest).find("AZURE_KEYVAULT_URL is not set"),
            std::string::npos);
  EXPECT_STREQ(std::getenv("AZURE_KEYVAULT_URL"), "https://engram-staging-vault.vault.azure.net/");
}
#endif

}  // namespace
