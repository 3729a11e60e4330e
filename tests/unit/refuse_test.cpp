// REFUSE rules and vault words: the whole-word rule, the checks that apply
// it, what they say, and every mode that must stop on a match.
#include <gtest/gtest.h>

#include <string>

#include "fakes.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/rules.hpp"

namespace {

using staging::Absent;
using staging::PolicyRule;
using staging::Violation;
using staging_test::FakeEnvironment;
using staging_test::FakeExec;
using staging_test::Outcome;
using staging_test::TempDirectory;
using staging_test::TestPolicy;

constexpr std::string_view kProdEndpoint = "https://engram-prod-ai.openai.azure.com/";

TestPolicy refusing_prod() {
  TestPolicy test_policy;
  test_policy.refuse = {{"AZURE_AI_ENDPOINT", "prod"}, {"AZURE_AI_ENDPOINT", "production"},
                        {"AZURE_AI_KEY", "prod"}};
  return test_policy;
}

std::vector<Violation> check(const staging::Policy& policy, const staging::Environment& environment,
                             Absent absent = Absent::IsViolation) {
  staging::Scan scan(staging::checked_variable_names(policy));
  scan.run(environment);
  return staging::check_environment(policy, scan, absent);
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

TEST(RefusedValues, UnsetOrCleanValuesPass) {
  const TestPolicy test_policy = refusing_prod();
  FakeEnvironment environment = test_policy.staged();
  EXPECT_TRUE(check(test_policy.policy(), environment).empty());
  environment.set("AZURE_AI_ENDPOINT", "https://engram-staging-ai.openai.azure.com/");
  EXPECT_TRUE(check(test_policy.policy(), environment).empty());
}

TEST(RefusedValues, OneViolationPerMatchingRuleAfterTheForcedOnes) {
  const TestPolicy test_policy = refusing_prod();
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "uat").set("AZURE_AI_ENDPOINT", "https://prod.production.example/");
  const std::vector<Violation> violations = check(test_policy.policy(), environment);
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].name, "ENVIRONMENT");
  EXPECT_TRUE(violations[0].refused_word.empty());
  EXPECT_EQ(violations[1].name, "AZURE_AI_ENDPOINT");
  EXPECT_EQ(violations[1].refused_word, "prod");
  EXPECT_EQ(violations[1].found, std::optional<std::string_view>("https://prod.production.example/"));
  EXPECT_EQ(violations[2].refused_word, "production");
}

TEST(RefusedValues, ThePolicyMustHaveUsableRules) {
  TestPolicy test_policy = refusing_prod();
  EXPECT_TRUE(staging::check_policy(test_policy.policy()).empty());
  test_policy.refuse = {{"NOT_PASSED", "prod"}, {"AZURE_AI_ENDPOINT", ""},
                        {"AZURE_AI_ENDPOINT", "STAGING"}};
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(test_policy.policy());
  ASSERT_EQ(problems.size(), 3u);
  for (const staging::PolicyProblem& problem : problems) {
    EXPECT_EQ(problem.rule, PolicyRule::RefuseRuleInvalid);
  }
  EXPECT_EQ(problems[0].variable, "NOT_PASSED");
  EXPECT_EQ(problems[2].detail, "STAGING");
}

TEST(RefusedMessages, NameTheVariableTheValueAndTheRule) {
  const TestPolicy test_policy = refusing_prod();
  const Violation violation{"AZURE_AI_ENDPOINT", kProdEndpoint, {}, "prod"};
  std::ostringstream out;
  staging::write_test_violations(out, "chat_smoke", {&violation, 1}, test_policy.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 'chat_smoke' refused: AZURE_AI_ENDPOINT is "
            "'https://engram-prod-ai.openai.azure.com/': it contains the refused word 'prod' "
            "(REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
}

TEST(RefusedMessages, ASecretValueIsNeverShown) {
  const TestPolicy test_policy = refusing_prod();
  const Violation violation{"AZURE_AI_KEY", std::string_view("k-prod-4711"), {}, "prod"};
  std::ostringstream out;
  staging::write_session_violations(out, {&violation, 1}, test_policy.policy(), true);
  EXPECT_EQ(out.str().find("4711"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("AZURE_AI_KEY is set (redacted): it contains the refused word 'prod'"),
            std::string::npos)
      << out.str();
}

TEST(RefusedMessages, TheSessionShowsTheTableAndTheFix) {
  const TestPolicy test_policy = refusing_prod();
  const Violation violation{"AZURE_AI_ENDPOINT", kProdEndpoint, {}, "production"};
  std::ostringstream out;
  staging::write_session_violations(out, {&violation, 1}, test_policy.policy(), true);
  const std::string text = out.str();
  EXPECT_EQ(text,
            "StagingTests: session refused: AZURE_AI_ENDPOINT is "
            "'https://engram-prod-ai.openai.azure.com/': it contains the refused word "
            "'production' (REFUSE AZURE_AI_ENDPOINT MATCHES production)\n" +
                staging_test::kProdTable +
                "Fix: point AZURE_AI_ENDPOINT at the staging environment's resources (a value "
                "without the refused word), or unset it.\n");
}

TEST(RefusedModes, EveryModeStopsOnAMatch) {
  const TestPolicy test_policy = refusing_prod();
  const staging::Policy policy = test_policy.policy();
  const TempDirectory directory;
  FakeEnvironment environment = test_policy.staged();
  environment.set("STAGING_TESTS_GUARD", "1");
  environment.set("AZURE_AI_ENDPOINT", std::string(kProdEndpoint));
  const std::string run_dir = directory / "run";
  const FakeExec exec;
  const Outcome guard = staging_test::run(policy, environment, {"guard", "--policy-id", "policy-1234"}, exec);
  EXPECT_EQ(guard.code, staging::kExitRefused);
  EXPECT_NE(guard.err.find("it contains the refused word 'prod'"), std::string::npos) << guard.err;
  const Outcome session = staging_test::run(policy, environment, {"session", "--run-dir", run_dir}, exec);
  EXPECT_EQ(session.code, staging::kExitTerminate);
  EXPECT_NE(session.err.find("it contains the refused word 'prod'"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(run_dir)) << "a refused session makes no run directory";
  std::filesystem::create_directories(run_dir);
  staging_test::write_text(directory.path() / "run" / "session.ok", "ok\n");
  const Outcome test = staging_test::run(
      policy, environment, {"run", "--run-dir", run_dir, "--test", "t", "--", "x"}, exec);
  EXPECT_EQ(test.code, staging::kExitTerminate);
  EXPECT_NE(test.err.find("it contains the refused word 'prod'"), std::string::npos);
  for (const Outcome* outcome : {&guard, &session, &test}) {
    EXPECT_EQ(outcome->out.find("Confirmed"), std::string::npos);
  }
  EXPECT_EQ(exec.calls, 0);
  EXPECT_EQ(staging_test::read_text(directory.path() / "run" / "tests.log"), "refused check t\n");
}

TEST(RefusedModes, CleanValuesRunAsBefore) {
  const TestPolicy test_policy = refusing_prod();
  const TempDirectory directory;
  FakeEnvironment environment = test_policy.staged();
  environment.set("AZURE_AI_ENDPOINT", "https://engram-staging-ai.openai.azure.com/");
  const FakeExec exec;
  const std::string run_dir = directory / "run";
  EXPECT_EQ(staging_test::run(test_policy.policy(), environment, {"session", "--run-dir", run_dir})
                .code,
            staging::kExitOk);
  EXPECT_EQ(staging_test::run(test_policy.policy(), environment,
                              {"run", "--run-dir", run_dir, "--test", "t", "--", "x"}, exec)
                .code,
            0);
  EXPECT_EQ(exec.calls, 1);
}

TEST(CallerVault, AnotherVaultIsRefusedBeforeAnyTest) {
  const TestPolicy test_policy;
  for (const auto& [name, value] : std::initializer_list<std::pair<std::string, std::string>>{
           {"AZURE_KEY_VAULT_NAME", "engram-prod-vault"},
           {"AZURE_KEYVAULT_URL", "https://engram-prod-vault.vault.azure.net/"},
           {"AZURE_KEYVAULT_URL", "https://engram-staging-vault.example.com/"}}) {
    const FakeEnvironment environment{{name, value}};
    const Outcome outcome =
        staging_test::run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"});
    EXPECT_EQ(outcome.code, staging::kExitRefused) << value;
    EXPECT_NE(outcome.err.find("StagingTests: session refused: " + name + " is '" + value + "'"),
              std::string::npos)
        << outcome.err;
    EXPECT_NE(outcome.err.find(staging_test::kVaultRule), std::string::npos) << outcome.err;
  }
}

TEST(CallerVault, WithoutAVaultInThePolicyAnotherEnvironmentsVaultIsRefusedEverywhere) {
  TestPolicy test_policy;
  test_policy.without_vault();
  const TempDirectory directory;
  std::filesystem::create_directories(directory.path() / "run");
  staging_test::write_text(directory.path() / "run" / "session.ok", "ok\n");
  FakeEnvironment environment = test_policy.staged();
  environment.set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  const std::vector<Violation> violations = check(test_policy.policy(), environment);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].refused_word, "prod");
  const FakeExec exec;
  const Outcome outcome = staging_test::run(
      test_policy.policy(), environment,
      {"run", "--run-dir", directory / "run", "--test", "t", "--", "x"}, exec);
  EXPECT_EQ(outcome.code, staging::kExitTerminate);
  EXPECT_EQ(outcome.err,
            "StagingTests: test 't' refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault': it "
            "contains the refused word 'prod' (it names another environment than staging)\n");
  EXPECT_EQ(exec.calls, 0);
  environment.set("AZURE_KEY_VAULT_NAME", "engram-staging-vault");
  EXPECT_TRUE(check(test_policy.policy(), environment).empty());
}

TEST(CallerVault, AnEnforcedEnvironmentWordIsNotAnotherEnvironment) {
  TestPolicy test_policy;
  test_policy.without_vault();
  test_policy.enforced = test_policy.allowed[0] = test_policy.forced[0].value = "test";
  FakeEnvironment environment = test_policy.staged();
  environment.set("AZURE_KEY_VAULT_NAME", "team-test-vault");
  EXPECT_TRUE(check(test_policy.policy(), environment).empty());
  environment.set("AZURE_KEY_VAULT_NAME", "team-uat-vault");
  EXPECT_EQ(check(test_policy.policy(), environment).size(), 1u);
}

}  // namespace
