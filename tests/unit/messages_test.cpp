#include "staging/messages.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <string>

#include "fakes.hpp"

namespace {

using staging::CallerDecision;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::kSkipMarker;
using staging_test::SeedPolicy;

const std::string kRule(70, '=');

TEST(Printable, LeavesPlainTextAlone) {
  EXPECT_EQ(staging::printable("production"), "production");
  EXPECT_EQ(staging::printable("a=b c/d"), "a=b c/d");
  EXPECT_EQ(staging::printable(""), "");
}

TEST(Printable, EscapesWhatCouldForgeOrBreakALine) {
  EXPECT_EQ(staging::printable("prod\nuction"), "prod\\nuction");
  EXPECT_EQ(staging::printable("a\tb\rc"), "a\\x09b\\x0dc");
  EXPECT_EQ(staging::printable(std::string_view("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(defused(staging::printable("\x1b[31m")), defused("\\x1b\\x5b31m"));
  EXPECT_EQ(staging::printable("del\x7f"), "del\\x7f");
  EXPECT_EQ(staging::printable("st\xc3\xa4ging\xff"), "st\\xc3\\xa4ging\\xff");
  EXPECT_EQ(staging::printable("a\\nb"), "a\\\\nb");
  EXPECT_EQ(defused(staging::printable(kSkipMarker)), defused("\\x5b  SKIPPED ]"));
}

TEST(Printable, CapsAt200BytesOfOutput) {
  const std::string exact(200, 'p');
  EXPECT_EQ(staging::printable(exact), exact);
  EXPECT_EQ(staging::printable(exact + "q"), exact + "... (201 bytes)");
  // An escape is never cut in half.
  EXPECT_EQ(staging::printable(std::string(198, 'p') + "\n\n"),
            std::string(198, 'p') + "\\n... (200 bytes)");
  EXPECT_EQ(staging::printable(std::string(199, 'p') + "\x01"),
            std::string(199, 'p') + "... (200 bytes)");
  const std::string mebibyte(1u << 20, 'x');
  EXPECT_EQ(staging::printable(mebibyte), std::string(200, 'x') + "... (1048576 bytes)");
}

TEST(Case, UpperAndTitle) {
  EXPECT_EQ(staging::upper_case("staging"), "STAGING");
  EXPECT_EQ(staging::title_case("staging"), "Staging");
  EXPECT_EQ(staging::title_case("STAGING"), "Staging");
  EXPECT_EQ(staging::title_case("pre-staging_eu2"), "Pre-Staging_Eu2");
}

std::string banner(const staging::Policy& policy, const FakeEnvironment& environment,
                   CallerDecision decision = CallerDecision::Forced,
                   std::optional<std::string_view> caller = std::nullopt) {
  std::ostringstream out;
  staging::write_banner(out, policy, environment, decision, caller);
  return out.str();
}

TEST(Banner, SeedShapeWithPassThroughSet) {
  const SeedPolicy seed;
  const FakeEnvironment environment{{"AZURE_AI_ENDPOINT", "https://ai.example/"},
                                    {"AZURE_AI_KEY", "k-123"}};
  EXPECT_EQ(banner(seed.policy(), environment),
            kRule + "\n"
            "CTEST CONFIGURATION: Staging Environment Tests\n" +
            kRule + "\n"
            "Environment: staging\n"
            "Vault: engram-staging-vault\n"
            "AZURE_AI_ENDPOINT: set\n"
            "AZURE_AI_KEY: set (redacted)\n" +
            kRule + "\n");
}

TEST(Banner, PassThroughNotSetAndNoVault) {
  SeedPolicy seed;
  seed.without_vault();
  seed.pass_through = {"AZURE_AI_ENDPOINT", "AZURE_AI_KEY", "EMPTY_ONE"};
  const FakeEnvironment environment{{"EMPTY_ONE", ""}};
  EXPECT_EQ(banner(seed.policy(), environment),
            kRule + "\n"
            "CTEST CONFIGURATION: Staging Environment Tests\n" +
            kRule + "\n"
            "Environment: staging\n"
            "Vault: (none configured)\n"
            "AZURE_AI_ENDPOINT: not set\n"
            "AZURE_AI_KEY: not set\n"
            "EMPTY_ONE: set\n" +
            kRule + "\n");
}

TEST(Banner, NoPassThrough) {
  SeedPolicy seed;
  seed.pass_through.clear();
  EXPECT_EQ(banner(seed.policy(), FakeEnvironment{}),
            kRule + "\nCTEST CONFIGURATION: Staging Environment Tests\n" + kRule +
                "\nEnvironment: staging\nVault: engram-staging-vault\n" + kRule + "\n");
}

TEST(Banner, ForceNoteShowsTheOverriddenValue) {
  SeedPolicy seed;
  seed.on_mismatch = staging::OnMismatch::Force;
  seed.pass_through.clear();
  EXPECT_EQ(banner(seed.policy(), FakeEnvironment{}, CallerDecision::Overridden,
                   std::string_view("prod\nuction")),
            kRule + "\nCTEST CONFIGURATION: Staging Environment Tests\n" + kRule +
                "\nEnvironment: staging\n"
                "Note: caller's ENVIRONMENT=prod\\nuction overridden (ON_MISMATCH FORCE)\n"
                "Vault: engram-staging-vault\n" +
                kRule + "\n");
  // Allowed callers get no note.
  EXPECT_EQ(banner(seed.policy(), FakeEnvironment{}, CallerDecision::Allowed,
                   std::string_view("STAGING"))
                .find("Note:"),
            std::string::npos);
}

TEST(Banner, OtherEnforcedNamesAreTitleCased) {
  SeedPolicy seed;
  seed.without_vault();
  seed.pass_through.clear();
  seed.enforced = "qa-east";
  const std::string text = banner(seed.policy(), FakeEnvironment{});
  EXPECT_NE(text.find("\nCTEST CONFIGURATION: Qa-East Environment Tests\n"), std::string::npos);
  EXPECT_NE(text.find("\nEnvironment: qa-east\n"), std::string::npos);
}

TEST(Confirmation, SeedText) {
  std::ostringstream out;
  staging::write_confirmation(out, SeedPolicy{}.policy());
  EXPECT_EQ(out.str(), "\n\xe2\x9c\x93 Confirmed: Running tests against STAGING environment\n");
}

TEST(Refusal, SeedLinesThenFix) {
  std::ostringstream out;
  staging::write_refusal(out, SeedPolicy{}.policy(), "production");
  EXPECT_EQ(out.str(),
            staging_test::kProductionRefusal);
}

TEST(Refusal, SeveralAllowedAndAHostileValue) {
  SeedPolicy seed;
  seed.allowed = {"staging", "stage"};
  std::ostringstream out;
  staging::write_refusal(out, seed.policy(), "x\n" + kSkipMarker + " y");
  EXPECT_EQ(defused(out.str()),
            defused(
            "ERROR: Tests must run against STAGING environment only!\n"
            "Current environment: x\\n\\x5b  SKIPPED ] y\n"
            "Allowed environments: staging, stage\n"
            "Fix: unset ENVIRONMENT or set it to one of: staging, stage\n"));
}

TEST(Refusal, NoTableForANameOutsideIt) {
  std::ostringstream out;
  staging::write_refusal(out, SeedPolicy{}.policy(), "qa");
  EXPECT_EQ(out.str().find("Environments:"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Current environment: qa\n"), std::string::npos);
}

TEST(Refusal, TheTableMarksTheRowOfAnySpellingOrWord) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"Production", "  prod "},   {" prod-eu\n", "  prod "}, {"live", "  prod "},
      {"DEVELOPMENT", "  dev "},   {"sandbox_7", "  dev "},    {"uat", "  uat "},
      {"test", "  test "},
  };
  for (const auto& [caller, row] : cases) {
    std::ostringstream out;
    staging::write_refusal(out, SeedPolicy{}.policy(), caller);
    const std::string text = out.str();
    const std::size_t marked = text.find("<- refused");
    ASSERT_NE(marked, std::string::npos) << caller;
    EXPECT_EQ(text.rfind('\n', marked) + 1, text.find(row)) << caller << "\n" << text;
    EXPECT_EQ(text.find("<- refused", marked + 1), std::string::npos) << "one row marked";
  }
}

TEST(Refusal, TheEnforcedEnvironmentTakesTheStagingRow) {
  SeedPolicy seed;
  seed.enforced = "preprod";
  seed.allowed = {"preprod"};
  seed.forced = {{"ENVIRONMENT", "preprod"}};
  std::ostringstream out;
  staging::write_refusal(out, seed.policy(), "uat");
  EXPECT_NE(out.str().find("  preprod      Dedicated testing    YES"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("  uat          User acceptance      no               High  <- refused"),
            std::string::npos);
}

TEST(TestViolations, OneLinePerViolation) {
  const SeedPolicy seed;
  const std::vector<staging::Violation> violations{
      {"ENVIRONMENT", std::string_view("production"), "staging"},
      {"ENVIRONMENT", std::nullopt, "staging"},
  };
  std::ostringstream out;
  staging::write_test_violations(out, "chat_smoke", violations, seed.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 'chat_smoke' refused: ENVIRONMENT is 'production', required 'staging'\n"
            "StagingTests: test 'chat_smoke' refused: ENVIRONMENT is not set, required 'staging'\n");
}

TEST(TestViolations, SecretValuesAreRedacted) {
  const SeedPolicy seed;
  const std::vector<staging::Violation> violations{
      {"SERVICE_TOKEN", std::string_view("found-secret"), "required-secret"},
      {"SERVICE_TOKEN", std::nullopt, "required-secret"},
  };
  std::ostringstream out;
  staging::write_test_violations(out, "t", violations, seed.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 't' refused: SERVICE_TOKEN is set (redacted), required (redacted)\n"
            "StagingTests: test 't' refused: SERVICE_TOKEN is not set, required (redacted)\n");
}

TEST(SessionViolations, GuardedBlamesAnOverride) {
  const std::vector<staging::Violation> violations{
      {"AZURE_KEY_VAULT_NAME", std::string_view("engram-prod-vault"), "engram-staging-vault"}};
  std::ostringstream out;
  staging::write_session_violations(out, violations, SeedPolicy{}.policy(), true);
  EXPECT_EQ(out.str(),
            "StagingTests: session refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault', "
            "required 'engram-staging-vault'\n"
            "Rule: a staging run uses the staging vault only: "
            "AZURE_KEY_VAULT_NAME='engram-staging-vault', "
            "AZURE_KEYVAULT_URL='https://engram-staging-vault.vault.azure.net/' "
            "(https://<name>.vault.azure.net/)\n"
            "Fix: something overrode an enforced variable after the StagingTests guard set it "
            "(a hand-edited ENVIRONMENT or ENVIRONMENT_MODIFICATION test property?); "
            "remove that override.\n");
}

TEST(SessionViolations, ByHandAsksToUnset) {
  const std::vector<staging::Violation> violations{
      {"AZURE_KEYVAULT_URL", std::string_view(""), "https://engram-staging-vault.vault.azure.net/"}};
  std::ostringstream out;
  staging::write_session_violations(out, violations, SeedPolicy{}.policy(), false);
  EXPECT_EQ(out.str(),
            "StagingTests: session refused: AZURE_KEYVAULT_URL is '', "
            "required 'https://engram-staging-vault.vault.azure.net/'\n"
            "Rule: a staging run uses the staging vault only: "
            "AZURE_KEY_VAULT_NAME='engram-staging-vault', "
            "AZURE_KEYVAULT_URL='https://engram-staging-vault.vault.azure.net/' "
            "(https://<name>.vault.azure.net/)\n"
            "Fix: unset these variables or set them to the required values "
            "(ctest sets them for you).\n");
}

TEST(PolicyProblems, NameTheVariableAndTheRule) {
  SeedPolicy seed;
  seed.vault_name = seed.forced[1].value = "engram-prod-vault";
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(seed.policy());
  std::ostringstream out;
  staging::write_policy_problems(out, problems, seed.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: policy refused: AZURE_KEYVAULT_URL is "
            "'https://engram-staging-vault.vault.azure.net/', required "
            "'https://engram-prod-vault.vault.azure.net/' (the URL must name the vault)\n"
            "StagingTests: policy refused: AZURE_KEY_VAULT_NAME 'engram-prod-vault' does not "
            "belong to environment 'staging' (it must contain 'staging' as a word separated by "
            "'-', '_' or '.')\n"
            "StagingTests: policy refused: AZURE_KEY_VAULT_NAME 'engram-prod-vault' names "
            "another environment ('prod')\n"
            "Fix: correct staging_tests_configure() in the project's CMakeLists.txt, then "
            "reconfigure and rebuild.\n");
}

TEST(PolicyProblems, EveryRuleHasText) {
  const SeedPolicy seed;
  for (staging::PolicyRule rule :
       {staging::PolicyRule::ForcedEnvironmentMissing, staging::PolicyRule::EnforcedNotAllowed,
        staging::PolicyRule::VaultIncomplete, staging::PolicyRule::VaultVariableMismatch,
        staging::PolicyRule::VaultUrlMismatch, staging::PolicyRule::VaultNameMissingEnvironment,
        staging::PolicyRule::VaultNameRefusedWord}) {
    const std::vector<staging::PolicyProblem> problems{{"ENVIRONMENT", rule, "prod"}};
    std::ostringstream out;
    staging::write_policy_problems(out, problems, seed.policy());
    const std::string text = out.str();
    EXPECT_EQ(text.rfind("StagingTests: policy refused: ENVIRONMENT", 0), 0u) << text;
    EXPECT_GT(text.find('\n'), std::string("StagingTests: policy refused: ENVIRONMENT").size())
        << text;
  }
}

TEST(OtherMessages, StalePolicy) {
  std::ostringstream out;
  staging::write_stale_policy(out, "aaa", "bbb");
  EXPECT_EQ(out.str(),
            "StagingTests: this check program was built for policy 'aaa', but the test suite "
            "was generated for policy 'bbb'.\n"
            "Fix: the build tree is out of date: rebuild it (cmake --build <build-dir>), then "
            "run ctest again.\n");
}

TEST(OtherMessages, ExecFailure) {
  std::ostringstream out;
  staging::write_exec_failure(out, "chat_smoke", "./missing", ENOENT);
  EXPECT_EQ(out.str(), "StagingTests: test 'chat_smoke': cannot run './missing': " +
                           std::string(std::strerror(ENOENT)) + "\n");
}

TEST(OtherMessages, UsageNamesTheProblemThenTheForms) {
  std::ostringstream out;
  staging::write_usage_error(out, staging::UsageError::UnknownMode, "gaurd");
  EXPECT_EQ(out.str(),
            "staging_tests_check: unknown mode 'gaurd'\n"
            "usage: staging_tests_check guard --policy-id <id>\n"
            "       staging_tests_check session\n"
            "       staging_tests_check run <test-name> -- <command> [<arg>...]\n");
}

TEST(SkipMarker, NoMessageCanSpellIt) {
  SeedPolicy seed;
  const std::string& hostile = kSkipMarker;
  seed.allowed = {"staging", hostile};
  seed.pass_through = {hostile};
  const std::vector<staging::Violation> violations{
      {"ENVIRONMENT", std::string_view(hostile), "staging"}};
  std::ostringstream out;
  staging::write_banner(out, seed.policy(), FakeEnvironment{{hostile, "x"}},
                        CallerDecision::Overridden, std::string_view(hostile));
  staging::write_confirmation(out, seed.policy());
  staging::write_refusal(out, seed.policy(), hostile);
  staging::write_test_violations(out, hostile, violations, seed.policy());
  staging::write_session_violations(out, violations, seed.policy(), true);
  staging::write_stale_policy(out, hostile, hostile);
  staging::write_exec_failure(out, hostile, hostile, ENOENT);
  for (auto error : {staging::UsageError::NoMode, staging::UsageError::UnknownMode,
                     staging::UsageError::UnexpectedArgument, staging::UsageError::MissingPolicyId,
                     staging::UsageError::MissingTestName, staging::UsageError::MissingSeparator,
                     staging::UsageError::MissingCommand}) {
    staging::write_usage_error(out, error, hostile);
  }
  EXPECT_EQ(out.str().find(kSkipMarker), std::string::npos) << defused(out.str());
  EXPECT_NE(out.str().find("SKIPPED"), std::string::npos);  // the values were written
}

}  // namespace
