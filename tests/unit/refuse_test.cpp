// REFUSE rules: the whole-word rule, the checks that apply it, what they say,
// and every mode that must stop on a match.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "fakes.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/rules.hpp"

namespace {

using staging::Absent;
using staging::PolicyRule;
using staging_test::Args;
using staging_test::FakeEnvironment;
using staging_test::FakeExec;
using staging_test::SeedPolicy;

constexpr std::string_view kProdEndpoint = "https://engram-prod-ai.openai.azure.com/";

SeedPolicy refusing_prod() {
  SeedPolicy seed;
  seed.refuse = {{"AZURE_AI_ENDPOINT", "prod"}, {"AZURE_AI_ENDPOINT", "production"},
                 {"AZURE_AI_KEY", "prod"}};
  return seed;
}

TEST(ContainsWord, WholeWordsOnlyIgnoringAsciiCase) {
  EXPECT_TRUE(staging::contains_word(kProdEndpoint, "prod"));
  EXPECT_TRUE(staging::contains_word("prod", "prod"));
  EXPECT_TRUE(staging::contains_word("PROD_EU", "prod"));
  EXPECT_TRUE(staging::contains_word("eu.Prod", "prod"));
  EXPECT_TRUE(staging::contains_word("a prod\n", "prod"));
  EXPECT_TRUE(staging::contains_word("x=prod", "prod"));
  EXPECT_TRUE(staging::contains_word("\xff" "prod" "\xfe", "prod")) << "non-ASCII bytes separate";
  EXPECT_FALSE(staging::contains_word("https://productivity.example/", "prod"));
  EXPECT_FALSE(staging::contains_word("reprod", "prod"));
  EXPECT_FALSE(staging::contains_word("prod2", "prod"));
  EXPECT_FALSE(staging::contains_word("", "prod"));
  EXPECT_FALSE(staging::contains_word("prod", ""));
  EXPECT_FALSE(staging::contains_word("pro", "prod"));
}

TEST(ContainsWord, AWordWithSeparatorsMatchesThemLiterally) {
  EXPECT_TRUE(staging::contains_word("https://engram-prod.example", "engram-prod"));
  EXPECT_FALSE(staging::contains_word("https://engram_prod.example", "engram-prod"));
  EXPECT_FALSE(staging::contains_word("xengram-prod", "engram-prod"));
}

TEST(ContainsWord, ALaterOccurrenceCounts) {
  EXPECT_TRUE(staging::contains_word("production-prod", "prod"));
  EXPECT_TRUE(staging::contains_word(std::string(1u << 20, 'p') + "-prod", "prod"));
}

TEST(CheckRefusedValues, UnsetOrCleanValuesPass) {
  const SeedPolicy seed = refusing_prod();
  FakeEnvironment environment = seed.staged();
  EXPECT_TRUE(staging::check_refused_values(seed.policy(), environment).empty());
  environment.set("AZURE_AI_ENDPOINT", "https://engram-staging-ai.openai.azure.com/");
  EXPECT_TRUE(staging::check_refused_values(seed.policy(), environment).empty());
}

TEST(CheckRefusedValues, OneViolationPerMatchingRule) {
  const SeedPolicy seed = refusing_prod();
  FakeEnvironment environment = seed.staged();
  environment.set("AZURE_AI_ENDPOINT", "https://prod.production.example/");
  const std::vector<staging::Violation> violations =
      staging::check_refused_values(seed.policy(), environment);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].name, "AZURE_AI_ENDPOINT");
  EXPECT_EQ(violations[0].refused_word, "prod");
  EXPECT_EQ(violations[1].refused_word, "production");
  EXPECT_EQ(violations[0].found, "https://prod.production.example/");
}

TEST(CheckEnvironment, ForcedViolationsThenRefusedValues) {
  const SeedPolicy seed = refusing_prod();
  FakeEnvironment environment = seed.staged();
  environment.set("ENVIRONMENT", "uat");
  environment.set("AZURE_AI_ENDPOINT", std::string(kProdEndpoint));
  const std::vector<staging::Violation> violations =
      staging::check_environment(seed.policy(), environment, Absent::IsViolation);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].name, "ENVIRONMENT");
  EXPECT_TRUE(violations[0].refused_word.empty());
  EXPECT_EQ(violations[1].name, "AZURE_AI_ENDPOINT");
}

TEST(CheckedVariableNames, EveryNameCheckEnvironmentReads) {
  SeedPolicy seed = refusing_prod();
  EXPECT_EQ(staging::checked_variable_names(seed.policy()),
            (std::vector<std::string_view>{"ENVIRONMENT", "AZURE_KEY_VAULT_NAME",
                                           "AZURE_KEYVAULT_URL", "AZURE_AI_ENDPOINT",
                                           "AZURE_AI_ENDPOINT", "AZURE_AI_KEY"}));
  seed.without_vault();
  seed.refuse.clear();
  // No vault in the policy: the inherited vault variables are checked.
  EXPECT_EQ(staging::checked_variable_names(seed.policy()),
            (std::vector<std::string_view>{"ENVIRONMENT", "AZURE_KEY_VAULT_NAME",
                                           "AZURE_KEYVAULT_URL"}));
}

TEST(CheckPolicy, RefuseRulesMustBeUsable) {
  SeedPolicy seed = refusing_prod();
  EXPECT_TRUE(staging::check_policy(seed.policy()).empty());
  seed.refuse = {{"NOT_PASSED", "prod"}, {"AZURE_AI_ENDPOINT", ""},
                 {"AZURE_AI_ENDPOINT", "STAGING"}};
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(seed.policy());
  ASSERT_EQ(problems.size(), 3u);
  for (const staging::PolicyProblem& problem : problems) {
    EXPECT_EQ(problem.rule, PolicyRule::RefuseRuleInvalid);
  }
  EXPECT_EQ(problems[0].variable, "NOT_PASSED");
  EXPECT_EQ(problems[2].detail, "STAGING");
}

TEST(RefusedMessages, NameTheVariableTheValueAndTheRule) {
  const SeedPolicy seed = refusing_prod();
  const staging::Violation violation{"AZURE_AI_ENDPOINT", kProdEndpoint, {}, "prod"};
  std::ostringstream out;
  staging::write_test_violations(out, "chat_smoke", {&violation, 1}, seed.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 'chat_smoke' refused: AZURE_AI_ENDPOINT is "
            "'https://engram-prod-ai.openai.azure.com/': it contains the refused word 'prod' "
            "(REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
}

TEST(RefusedMessages, ASecretValueIsNeverShown) {
  const SeedPolicy seed = refusing_prod();
  const staging::Violation violation{"AZURE_AI_KEY", std::string_view("k-prod-4711"), {}, "prod"};
  std::ostringstream out;
  staging::write_session_violations(out, {&violation, 1}, seed.policy(), true);
  EXPECT_EQ(out.str().find("4711"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("AZURE_AI_KEY is set (redacted): it contains the refused word 'prod'"),
            std::string::npos)
      << out.str();
}

TEST(RefusedMessages, TheSessionShowsTheTableAndTheFix) {
  const SeedPolicy seed = refusing_prod();
  const staging::Violation violation{"AZURE_AI_ENDPOINT", kProdEndpoint, {}, "production"};
  std::ostringstream out;
  staging::write_session_violations(out, {&violation, 1}, seed.policy(), true);
  const std::string text = out.str();
  EXPECT_NE(text.find("  prod         Production           no               CRITICAL  <- refused\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Fix: point AZURE_AI_ENDPOINT at the staging environment's resources"),
            std::string::npos);
  EXPECT_EQ(text.find("overrode"), std::string::npos) << "no forced variable was overridden";
}

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome run(const staging::Policy& policy, const FakeEnvironment& environment,
            std::initializer_list<std::string> arguments, FakeExec& exec) {
  Args args(arguments);
  std::ostringstream out;
  std::ostringstream err;
  const int code = staging::run_mode(policy, environment, args.argc(), args.argv(), out, err, exec);
  return {code, out.str(), err.str()};
}

TEST(RefusedModes, EveryModeStopsOnAMatch) {
  const SeedPolicy seed = refusing_prod();
  const staging::Policy policy = seed.policy();
  FakeEnvironment environment = seed.staged();
  environment.set("STAGING_TESTS_GUARD", "1");
  environment.set("AZURE_AI_ENDPOINT", std::string(kProdEndpoint));
  FakeExec exec;
  const std::string id(policy.id);
  for (const auto& arguments : {std::initializer_list<std::string>{"guard", "--policy-id", id},
                                std::initializer_list<std::string>{"session"},
                                std::initializer_list<std::string>{"run", "t", "--", "x"}}) {
    const Outcome outcome = run(policy, environment, arguments, exec);
    EXPECT_EQ(outcome.code, 1) << *arguments.begin();
    EXPECT_NE(outcome.err.find("it contains the refused word 'prod'"), std::string::npos)
        << outcome.err;
    EXPECT_EQ(outcome.out.find("Confirmed"), std::string::npos);
  }
  EXPECT_EQ(exec.calls, 0);
}

TEST(RefusedModes, CleanValuesRunAsBefore) {
  const SeedPolicy seed = refusing_prod();
  FakeEnvironment environment = seed.staged();
  environment.set("AZURE_AI_ENDPOINT", "https://engram-staging-ai.openai.azure.com/");
  FakeExec exec;
  EXPECT_EQ(run(seed.policy(), environment, {"run", "t", "--", "x"}, exec).code, 0);
  EXPECT_EQ(exec.calls, 1);
  EXPECT_EQ(run(seed.policy(), environment, {"session"}, exec).code, 0);
}

}  // namespace

namespace {

TEST(CallerVault, AnotherVaultIsRefusedBeforeAnyTest) {
  const SeedPolicy seed;
  FakeExec exec;
  for (const auto& [name, value] : std::initializer_list<std::pair<std::string, std::string>>{
           {"AZURE_KEY_VAULT_NAME", "engram-prod-vault"},
           {"AZURE_KEYVAULT_URL", "https://engram-prod-vault.vault.azure.net/"},
           {"AZURE_KEYVAULT_URL", "https://engram-staging-vault.example.com/"}}) {
    const FakeEnvironment environment{{name, value}};
    const std::string id(seed.id);
    const Outcome outcome = run(seed.policy(), environment, {"guard", "--policy-id", id}, exec);
    EXPECT_EQ(outcome.code, 1) << value;
    EXPECT_NE(outcome.err.find("StagingTests: session refused: " + name + " is '" + value + "'"),
              std::string::npos)
        << outcome.err;
    EXPECT_NE(outcome.err.find("Rule: a staging run uses the staging vault only"),
              std::string::npos);
  }
}

TEST(CallerVault, TheSameVaultInAnyCaseIsFine) {
  const SeedPolicy seed;
  const FakeEnvironment environment{
      {"AZURE_KEY_VAULT_NAME", "Engram-Staging-Vault"},
      {"AZURE_KEYVAULT_URL", "HTTPS://engram-staging-vault.VAULT.azure.net/"}};
  EXPECT_TRUE(staging::check_caller_vault(seed.policy(), environment).empty());
}

TEST(CallerVault, ForceOverridesAnotherVault) {
  SeedPolicy seed;
  seed.on_mismatch = staging::OnMismatch::Force;
  const FakeEnvironment environment{{"AZURE_KEY_VAULT_NAME", "engram-prod-vault"}};
  EXPECT_TRUE(staging::check_caller_vault(seed.policy(), environment).empty());
}

TEST(CallerVault, WithoutAVaultInThePolicyAnotherEnvironmentsVaultIsRefusedEverywhere) {
  SeedPolicy seed;
  seed.without_vault();
  FakeEnvironment environment = seed.staged();
  environment.set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  const std::vector<staging::Violation> violations =
      staging::check_environment(seed.policy(), environment, Absent::IsViolation);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].refused_word, "prod");
  FakeExec exec;
  const Outcome outcome = run(seed.policy(), environment, {"run", "t", "--", "x"}, exec);
  EXPECT_EQ(outcome.code, 1);
  EXPECT_EQ(outcome.err,
            "StagingTests: test 't' refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault': it "
            "contains the refused word 'prod' (it names another environment than staging)\n");
  EXPECT_EQ(exec.calls, 0);
  environment.set("AZURE_KEY_VAULT_NAME", "engram-staging-vault");
  EXPECT_TRUE(staging::check_environment(seed.policy(), environment, Absent::IsViolation).empty());
}

}  // namespace
