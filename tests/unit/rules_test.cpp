#include "staging/rules.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fakes.hpp"
#include "staging_cmake_constants.hpp"

namespace {

using staging::Absent;
using staging::CallerDecision;
using staging::PolicyRule;
using staging_test::FakeEnvironment;
using staging_test::SeedPolicy;

const std::string kMebibyte(1u << 20, 'a');

TEST(SameEnvironment, IgnoresAsciiCase) {
  EXPECT_TRUE(staging::same_environment("staging", "staging"));
  EXPECT_TRUE(staging::same_environment("STAGING", "staging"));
  EXPECT_TRUE(staging::same_environment("StAgInG", "staging"));
}

TEST(SameEnvironment, TrimsAsciiWhitespaceAround) {
  EXPECT_TRUE(staging::same_environment(" staging ", "staging"));
  EXPECT_TRUE(staging::same_environment("\t\r\n\v\fStaging\n", "staging"));
  EXPECT_FALSE(staging::same_environment("stag ing", "staging"));
  // A no-break space is not ASCII whitespace.
  EXPECT_FALSE(staging::same_environment("\xc2\xa0staging", "staging"));
}

TEST(SameEnvironment, EmptyIsNoEnvironment) {
  EXPECT_FALSE(staging::same_environment("", "staging"));
  EXPECT_FALSE(staging::same_environment("   ", "staging"));
}

TEST(SameEnvironment, RefusesEverythingElse) {
  EXPECT_FALSE(staging::same_environment("production", "staging"));
  EXPECT_FALSE(staging::same_environment("stagingx", "staging"));
  EXPECT_FALSE(staging::same_environment("stag\ning", "staging"));
  EXPECT_FALSE(staging::same_environment("staging=1", "staging"));
  EXPECT_FALSE(staging::same_environment("ENVIRONMENT=staging", "staging"));
  EXPECT_FALSE(staging::same_environment("st\xe4ging", "staging"));
  EXPECT_FALSE(staging::same_environment("\xffstaging", "staging"));
  // Only ASCII letters fold: a dotted capital I is not an I.
  EXPECT_FALSE(staging::same_environment("STAG\xc4\xb0NG", "staging"));
  EXPECT_FALSE(staging::same_environment(kMebibyte, "staging"));
}

TEST(SameEnvironment, HugeWhitespacePaddingStillTrims) {
  const std::string padded = std::string(1u << 20, ' ') + "staging" + std::string(1u << 20, '\n');
  EXPECT_TRUE(staging::same_environment(padded, "staging"));
}

TEST(Satisfies, EnvironmentUsesTheRule) {
  const staging::Variable required{"ENVIRONMENT", "staging"};
  EXPECT_TRUE(staging::satisfies(required, std::string_view(" Staging\n")));
  EXPECT_FALSE(staging::satisfies(required, std::string_view("production")));
  EXPECT_FALSE(staging::satisfies(required, std::nullopt));
}

TEST(Satisfies, OtherVariablesCompareByteForByte) {
  const staging::Variable url{"AZURE_KEYVAULT_URL", "https://engram-staging-vault.vault.azure.net/"};
  EXPECT_TRUE(staging::satisfies(url, url.value));
  EXPECT_FALSE(staging::satisfies(url, std::string_view("https://ENGRAM-staging-vault.vault.azure.net/")));
  EXPECT_FALSE(staging::satisfies(url, std::string_view("https://engram-staging-vault.vault.azure.net/ ")));
  EXPECT_FALSE(staging::satisfies(url, std::string_view("")));
  EXPECT_FALSE(staging::satisfies(url, std::nullopt));

  const staging::Variable with_equals{"QUERY", "a=b=c"};
  EXPECT_TRUE(staging::satisfies(with_equals, std::string_view("a=b=c")));
  EXPECT_FALSE(staging::satisfies(with_equals, std::string_view("a=b")));
}

TEST(DecideCaller, NoValueIsForced) {
  const SeedPolicy seed;
  const staging::Policy policy = seed.policy();
  EXPECT_EQ(staging::decide_caller(policy, std::nullopt), CallerDecision::Forced);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("")), CallerDecision::Forced);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view(" \t\n")), CallerDecision::Forced);
}

TEST(DecideCaller, AllowedNamesByTheRule) {
  SeedPolicy seed;
  seed.allowed = {"staging", "stage"};
  const staging::Policy policy = seed.policy();
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("staging")), CallerDecision::Allowed);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view(" STAGING\n")), CallerDecision::Allowed);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("Stage")), CallerDecision::Allowed);
}

TEST(DecideCaller, AnythingElseIsRefusedUnderFail) {
  const SeedPolicy seed;
  const staging::Policy policy = seed.policy();
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("production")), CallerDecision::Refused);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("staging\nprod")), CallerDecision::Refused);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view(kMebibyte)), CallerDecision::Refused);
}

TEST(DecideCaller, AnythingElseIsOverriddenUnderForce) {
  SeedPolicy seed;
  seed.on_mismatch = staging::OnMismatch::Force;
  const staging::Policy policy = seed.policy();
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("production")), CallerDecision::Overridden);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("staging")), CallerDecision::Allowed);
  EXPECT_EQ(staging::decide_caller(policy, std::nullopt), CallerDecision::Forced);
}

TEST(ReadCaller, ByHandItIsEnvironment) {
  const FakeEnvironment environment{{"ENVIRONMENT", "production"},
                                    {"STAGING_TESTS_CALLER_ENVIRONMENT", "ignored"}};
  const staging::Caller caller = staging::read_caller(environment);
  EXPECT_FALSE(caller.guarded);
  EXPECT_EQ(caller.value, std::optional<std::string_view>("production"));
}

TEST(ReadCaller, UnderTheGuardItIsTheCapturedValue) {
  const FakeEnvironment environment{{"ENVIRONMENT", "staging"},
                                    {"STAGING_TESTS_GUARD", "1"},
                                    {"STAGING_TESTS_CALLER_ENVIRONMENT", "production"}};
  const staging::Caller caller = staging::read_caller(environment);
  EXPECT_TRUE(caller.guarded);
  EXPECT_EQ(caller.value, std::optional<std::string_view>("production"));
}

TEST(ReadCaller, UnderTheGuardNoCapturedValueMeansNone) {
  const FakeEnvironment environment{{"ENVIRONMENT", "staging"}, {"STAGING_TESTS_GUARD", ""}};
  const staging::Caller caller = staging::read_caller(environment);
  EXPECT_TRUE(caller.guarded);
  EXPECT_EQ(caller.value, std::nullopt);
}

TEST(CheckForcedVariables, NothingWhenAllMatchAndNothingAllocated) {
  const SeedPolicy seed;
  const std::vector<staging::Violation> violations =
      staging::check_forced_variables(seed.policy(), seed.staged(), Absent::IsViolation);
  EXPECT_TRUE(violations.empty());
  EXPECT_EQ(violations.capacity(), 0u);
}

TEST(CheckForcedVariables, EnvironmentUsesTheRule) {
  const SeedPolicy seed;
  FakeEnvironment environment = seed.staged();
  environment.set("ENVIRONMENT", " STAGING\n");
  EXPECT_TRUE(staging::check_forced_variables(seed.policy(), environment, Absent::IsViolation).empty());
}

TEST(CheckForcedVariables, ReportsEveryMismatchInPolicyOrder) {
  const SeedPolicy seed;
  FakeEnvironment environment = seed.staged();
  environment.set("ENVIRONMENT", "production").unset("AZURE_KEYVAULT_URL");
  environment.set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  const std::vector<staging::Violation> violations =
      staging::check_forced_variables(seed.policy(), environment, Absent::IsViolation);
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].name, "ENVIRONMENT");
  EXPECT_EQ(violations[0].found, std::optional<std::string_view>("production"));
  EXPECT_EQ(violations[0].required, "staging");
  EXPECT_EQ(violations[1].name, "AZURE_KEY_VAULT_NAME");
  EXPECT_EQ(violations[1].found, std::optional<std::string_view>("engram-prod-vault"));
  EXPECT_EQ(violations[2].name, "AZURE_KEYVAULT_URL");
  EXPECT_EQ(violations[2].found, std::nullopt);
  EXPECT_EQ(violations[2].required, "https://engram-staging-vault.vault.azure.net/");
}

TEST(CheckForcedVariables, AbsentAllowedOnlyChecksPresentOnes) {
  const SeedPolicy seed;
  FakeEnvironment environment;
  EXPECT_TRUE(staging::check_forced_variables(seed.policy(), environment, Absent::IsAllowed).empty());
  EXPECT_EQ(staging::check_forced_variables(seed.policy(), environment, Absent::IsViolation).size(), 3u);
  environment.set("AZURE_KEYVAULT_URL", "");
  const std::vector<staging::Violation> violations =
      staging::check_forced_variables(seed.policy(), environment, Absent::IsAllowed);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].name, "AZURE_KEYVAULT_URL");
  EXPECT_EQ(violations[0].found, std::optional<std::string_view>(""));
}

TEST(IsSecretName, Patterns) {
  const SeedPolicy seed;
  const staging::Policy policy = seed.policy();
  for (const char* name : {"AZURE_AI_KEY", "api_key", "DB_SECRET", "GITHUB_TOKEN", "gh_Token",
                           "PASSWORD", "DB_PASSWORD_FILE", "mypassword"}) {
    EXPECT_TRUE(staging::is_secret_name(name, policy)) << name;
  }
  for (const char* name : {"AZURE_AI_ENDPOINT", "AZURE_KEYVAULT_URL", "AZURE_KEY_VAULT_NAME", "KEY",
                           "KEYS", "TOKENIZER_PATH", "SECRETARY", "ENVIRONMENT", "PASSWD"}) {
    EXPECT_FALSE(staging::is_secret_name(name, policy)) << name;
  }
}

TEST(IsSecretName, DeclaredByThePolicy) {
  SeedPolicy seed;
  seed.secrets = {"SESSION_COOKIE"};
  EXPECT_TRUE(staging::is_secret_name("SESSION_COOKIE", seed.policy()));
  EXPECT_TRUE(staging::is_secret_name("session_cookie", seed.policy()));
  EXPECT_FALSE(staging::is_secret_name("SESSION", seed.policy()));
}

std::vector<PolicyRule> rules_of(const SeedPolicy& seed) {
  std::vector<PolicyRule> rules;
  for (const staging::PolicyProblem& problem : staging::check_policy(seed.policy())) {
    rules.push_back(problem.rule);
  }
  return rules;
}

TEST(CheckPolicy, SeedPolicyIsConsistent) {
  EXPECT_TRUE(staging::check_policy(SeedPolicy{}.policy()).empty());
  SeedPolicy seed;
  seed.without_vault();
  EXPECT_TRUE(staging::check_policy(seed.policy()).empty());
}

TEST(CheckPolicy, UrlMustNameTheVault) {
  SeedPolicy seed;
  seed.vault_url = seed.forced[2].value = "https://engram-prod-vault.vault.azure.net/";
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(seed.policy());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].variable, "AZURE_KEYVAULT_URL");
  EXPECT_EQ(problems[0].rule, PolicyRule::VaultUrlMismatch);

  for (std::string_view url : {"http://engram-staging-vault.vault.azure.net/",
                               "https://engram-staging-vault.vault.azure.net",
                               "https://engram-staging-vault.vault.azure.net/x",
                               "https://engram-staging-vault.vault.azure.net.evil/"}) {
    seed.vault_url = seed.forced[2].value = url;
    EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultUrlMismatch}) << url;
  }
  seed.vault_url = seed.forced[2].value = "HTTPS://Engram-Staging-Vault.VAULT.azure.net/";
  EXPECT_TRUE(rules_of(seed).empty());
}

TEST(CheckPolicy, VaultNameMustHoldTheEnvironmentAsAWord) {
  SeedPolicy seed;
  const auto rename = [&seed](std::string_view name, std::string_view url) {
    seed.vault_name = seed.forced[1].value = name;
    seed.vault_url = seed.forced[2].value = url;
  };
  rename("engram.staging_vault", "https://engram.staging_vault.vault.azure.net/");
  EXPECT_TRUE(rules_of(seed).empty());
  rename("staging", "https://staging.vault.azure.net/");
  EXPECT_TRUE(rules_of(seed).empty());
  rename("engram-stagingvault", "https://engram-stagingvault.vault.azure.net/");
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultNameMissingEnvironment});
  rename("engram-vault", "https://engram-vault.vault.azure.net/");
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultNameMissingEnvironment});
}

TEST(CheckPolicy, VaultNameMustNotNameAnotherEnvironment) {
  SeedPolicy seed;
  seed.vault_name = seed.forced[1].value = "engram-prod-staging-vault";
  seed.vault_url = seed.forced[2].value = "https://engram-prod-staging-vault.vault.azure.net/";
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(seed.policy());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].variable, "AZURE_KEY_VAULT_NAME");
  EXPECT_EQ(problems[0].rule, PolicyRule::VaultNameRefusedWord);
  EXPECT_EQ(problems[0].detail, "prod");

  for (const auto& [word, environment] : staging::refused_environment_words()) {
    const std::string name = "staging-" + std::string(word);
    const std::string url = "https://" + name + ".vault.azure.net/";
    seed.vault_name = seed.forced[1].value = name;
    seed.vault_url = seed.forced[2].value = url;
    EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultNameRefusedWord}) << word;
  }
  // Words are whole words: "product" is not "prod".
  seed.vault_name = seed.forced[1].value = "product-staging";
  seed.vault_url = seed.forced[2].value = "https://product-staging.vault.azure.net/";
  EXPECT_TRUE(rules_of(seed).empty());
}

TEST(CheckPolicy, AnEnforcedRefusedWordIsItsOwnEnvironment) {
  SeedPolicy seed;
  seed.enforced = seed.allowed[0] = seed.forced[0].value = "test";
  seed.vault_name = seed.forced[1].value = "team-test-vault";
  seed.vault_url = seed.forced[2].value = "https://team-test-vault.vault.azure.net/";
  EXPECT_TRUE(rules_of(seed).empty());
}

TEST(CheckPolicy, VaultNeedsNameAndUrl) {
  SeedPolicy seed;
  seed.vault_url = {};
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultIncomplete});
  seed = SeedPolicy{};
  seed.vault_name = {};
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultIncomplete});
}

TEST(CheckPolicy, ForcedVaultVariablesMustMatchTheVault) {
  SeedPolicy seed;
  seed.forced[1].value = "engram-other-staging-vault";
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultVariableMismatch});
  seed = SeedPolicy{};
  seed.forced.pop_back();
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::VaultVariableMismatch});
}

TEST(CheckPolicy, EnvironmentMustBeForcedFirstAndAllowed) {
  SeedPolicy seed;
  std::swap(seed.forced[0], seed.forced[1]);
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::ForcedEnvironmentMissing});
  seed = SeedPolicy{};
  seed.forced[0].value = "production";
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::ForcedEnvironmentMissing});
  seed = SeedPolicy{};
  seed.allowed = {"stage"};
  EXPECT_EQ(rules_of(seed), std::vector<PolicyRule>{PolicyRule::EnforcedNotAllowed});
  seed = SeedPolicy{};
  seed.without_vault();
  seed.enforced = seed.forced[0].value = seed.allowed[0] = " ";
  EXPECT_EQ(rules_of(seed), (std::vector<PolicyRule>{PolicyRule::ForcedEnvironmentMissing,
                                                     PolicyRule::EnforcedNotAllowed}));
}

TEST(RefusedEnvironmentWords, TheSameAsTheConfigureTimeList) {
  const staging::Span<staging::RefusedWord> words = staging::refused_environment_words();
  ASSERT_EQ(words.size(), kCMakeRefusedWords.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(words[i].word, kCMakeRefusedWords[i]) << i;
  }
}

}  // namespace
