// messages.hpp: every text a user reads, byte for byte. Two promises hold
// everywhere: no secret's value is written, and no output can spell
// GoogleTest's skip marker.
#include "staging/messages.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <array>
#include <string>

#include "fakes.hpp"

namespace {

using staging::CallerDecision;
using staging::RunLayer;
using staging::RunOutcome;
using staging::Violation;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::kRule;
using staging_test::kSkipMarker;
using staging_test::TestPolicy;

// --- printable and case -----------------------------------------------------

TEST(Printable, LeavesPlainTextAlone) {
  EXPECT_EQ(staging::printable("production"), "production");
  EXPECT_EQ(staging::printable("a=b c/d]"), "a=b c/d]");
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
  EXPECT_EQ(staging::printable(kSkipMarker).find('['), std::string::npos);
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
  EXPECT_EQ(staging::upper_case("st\xe4ging"), "ST\xe4GING") << "ASCII only";
}

// --- the banner, the confirmation, the refusal ------------------------------

std::string banner(const staging::Policy& policy, const FakeEnvironment& environment,
                   CallerDecision decision = CallerDecision::Forced,
                   std::optional<std::string_view> caller = std::nullopt) {
  std::ostringstream out;
  staging::write_banner(out, policy, environment, decision, caller);
  return out.str();
}

TEST(Banner, ThePolicysShapeWithPassThroughSet) {
  const TestPolicy test_policy;
  const FakeEnvironment environment{{"AZURE_AI_ENDPOINT", "https://ai.example/"},
                                    {"AZURE_AI_KEY", "k-123"}};
  EXPECT_EQ(banner(test_policy.policy(), environment),
            kRule + "\n"
            "CTEST CONFIGURATION: Staging Environment Tests\n" +
            kRule + "\n"
            "Environment: staging\n"
            "Vault: engram-staging-vault\n"
            "AZURE_AI_ENDPOINT: set\n"
            "AZURE_AI_KEY: set (redacted)\n"
            "Network guard: off (NETWORK OFF)\n" +
            kRule + "\n");
  EXPECT_EQ(banner(test_policy.policy(), FakeEnvironment{}), staging_test::kBanner);
}

TEST(Banner, PassThroughNotSetEmptyOrDuplicatedAndNoVault) {
  TestPolicy test_policy;
  test_policy.without_vault();
  test_policy.pass_through = {"AZURE_AI_ENDPOINT", "AZURE_AI_KEY", "EMPTY_ONE"};
  FakeEnvironment environment{{"EMPTY_ONE", ""}};
  environment.append("AZURE_AI_KEY", "k1").append("AZURE_AI_KEY", "k2");
  EXPECT_EQ(banner(test_policy.policy(), environment),
            kRule + "\n"
            "CTEST CONFIGURATION: Staging Environment Tests\n" +
            kRule + "\n"
            "Environment: staging\n"
            "Vault: (none configured)\n"
            "AZURE_AI_ENDPOINT: not set\n"
            "AZURE_AI_KEY: set (redacted)\n"
            "EMPTY_ONE: set\n"
            "Network guard: off (NETWORK OFF)\n" +
            kRule + "\n");
}

TEST(Banner, ForceNoteShowsTheOverriddenValueEscaped) {
  TestPolicy test_policy;
  test_policy.on_mismatch = staging::OnMismatch::Force;
  test_policy.pass_through.clear();
  EXPECT_EQ(banner(test_policy.policy(), FakeEnvironment{}, CallerDecision::Overridden,
                   std::string_view("prod\nuction")),
            kRule + "\nCTEST CONFIGURATION: Staging Environment Tests\n" + kRule +
                "\nEnvironment: staging\n"
                "Note: caller's ENVIRONMENT=prod\\nuction overridden (ON_MISMATCH FORCE)\n"
                "Vault: engram-staging-vault\n"
                "Network guard: off (NETWORK OFF)\n" +
                kRule + "\n");
  EXPECT_EQ(banner(test_policy.policy(), FakeEnvironment{}, CallerDecision::Allowed,
                   std::string_view("STAGING"))
                .find("Note:"),
            std::string::npos)
      << "allowed callers get no note";
}

#if !defined(__linux__)
// The network guard is a preloaded library of the ELF loader: elsewhere the
// banner says that no test has it, whatever the mode.
TEST(Banner, SaysTheNetworkGuardIsNotAvailableOffLinux) {
  TestPolicy test_policy;
  test_policy.pass_through.clear();
  staging::Policy policy = test_policy.policy();
  policy.network.mode = staging::NetworkMode::Strict;
  EXPECT_NE(banner(policy, FakeEnvironment{})
                .find("Network guard: not available on this platform, so tests run unguarded "
                      "(NETWORK STRICT is enforced on Linux only)\n"),
            std::string::npos);
  policy.network.mode = staging::NetworkMode::Off;
  EXPECT_NE(banner(policy, FakeEnvironment{}).find("Network guard: off (NETWORK OFF)\n"),
            std::string::npos);
}
#else
TEST(Banner, NamesTheNetworkGuardsModeAndItsExceptions) {
  TestPolicy test_policy;
  test_policy.pass_through.clear();
  const std::array<std::string_view, 2> words{"prod", "uat"};
  const std::array<std::string_view, 2> allowed{"*.staging.example.com:443", "unix:/run/*"};
  const std::array<std::string_view, 1> tests{"legacy_*"};
  const std::array<std::string_view, 1> programs{"*/valgrind/*-linux"};
  staging::Policy policy = test_policy.policy();
  policy.network.mode = staging::NetworkMode::Words;
  policy.network.refused_words = words;
  policy.network.unguarded_programs = programs;
  const std::string words_banner = banner(policy, FakeEnvironment{});
  EXPECT_NE(words_banner.find("Network guard: host names holding prod, uat unreachable; loopback "
                              "reachable\nPrograms that may run unguarded: */valgrind/*-linux\n"),
            std::string::npos)
      << words_banner;
  EXPECT_EQ(words_banner.find("Tests without the network guard"), std::string::npos);

  policy.network.mode = staging::NetworkMode::Strict;
  policy.network.allowed = allowed;
  policy.network.loopback = false;
  policy.network.unguarded_tests = tests;
  const std::string strict_banner = banner(policy, FakeEnvironment{});
  EXPECT_NE(strict_banner.find("Network guard: only *.staging.example.com:443, unix:/run/* "
                               "reachable; names holding prod, uat unreachable; loopback unreachable\n"
                               "Tests without the network guard: legacy_*\n"),
            std::string::npos)
      << strict_banner;
}
#endif  // __linux__

TEST(Banner, OtherEnforcedNamesAreTitleCased) {
  TestPolicy test_policy;
  test_policy.without_vault();
  test_policy.pass_through.clear();
  test_policy.enforced = "qa-east";
  const std::string text = banner(test_policy.policy(), FakeEnvironment{});
  EXPECT_NE(text.find("\nCTEST CONFIGURATION: Qa-East Environment Tests\n"), std::string::npos);
  EXPECT_NE(text.find("\nEnvironment: qa-east\n"), std::string::npos);
}

TEST(Confirmation, Text) {
  std::ostringstream out;
  staging::write_confirmation(out, TestPolicy{}.policy());
  EXPECT_EQ(out.str(), staging_test::kConfirmation);
}

TEST(Refusal, LinesTableThenFix) {
  std::ostringstream out;
  staging::write_refusal(out, TestPolicy{}.policy(), "production");
  EXPECT_EQ(out.str(), staging_test::kProductionRefusal);
}

TEST(Refusal, SeveralAllowedAndAHostileValue) {
  TestPolicy test_policy;
  test_policy.allowed = {"staging", "stage"};
  std::ostringstream out;
  staging::write_refusal(out, test_policy.policy(), "x\n" + kSkipMarker + " y");
  EXPECT_EQ(defused(out.str()),
            defused("ERROR: Tests must run against STAGING environment only!\n"
                    "Current environment: x\\n\\x5b  SKIPPED ] y\n"
                    "Allowed environments: staging, stage\n"
                    "Fix: unset ENVIRONMENT or set it to one of: staging, stage\n"));
}

TEST(Refusal, NoTableForANameOutsideIt) {
  std::ostringstream out;
  staging::write_refusal(out, TestPolicy{}.policy(), "qa");
  EXPECT_EQ(out.str().find("Environments:"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Current environment: qa\n"), std::string::npos);
}

TEST(Refusal, TheTableMarksTheRowOfAnySpellingOrWord) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"Production", "  prod "}, {" prod-eu\n", "  prod "}, {"live", "  prod "},
      {"PRD", "  prod "},        {"DEVELOPMENT", "  dev "}, {"sandbox_7", "  dev "},
      {"uat", "  uat "},         {"test", "  test "},       {"dev-prod", "  dev "},
  };
  for (const auto& [caller, row] : cases) {
    std::ostringstream out;
    staging::write_refusal(out, TestPolicy{}.policy(), caller);
    const std::string text = out.str();
    const std::size_t marked = text.find("<- refused");
    ASSERT_NE(marked, std::string::npos) << caller;
    EXPECT_EQ(text.rfind('\n', marked) + 1, text.find(row, text.find("Environments:")))
        << caller << "\n" << text;
    EXPECT_EQ(text.find("<- refused", marked + 1), std::string::npos) << "one row marked";
  }
}

TEST(Refusal, TheEnforcedEnvironmentTakesTheStagingRow) {
  TestPolicy test_policy;
  test_policy.enforced = "preprod";
  test_policy.allowed = {"preprod"};
  test_policy.forced = {{"ENVIRONMENT", "preprod"}};
  std::ostringstream out;
  staging::write_refusal(out, test_policy.policy(), "uat");
  EXPECT_NE(out.str().find("  preprod      Dedicated testing    YES"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("  uat          User acceptance      no               High  <- refused"),
            std::string::npos);
}

TEST(Refusal, TheTableComesFromThePolicysWords) {
  TestPolicy test_policy;
  staging::Policy policy = test_policy.policy();
  policy.environment_words = {};
  std::ostringstream out;
  staging::write_refusal(out, policy, "production");
  EXPECT_EQ(out.str().find("Environments:"), std::string::npos) << out.str();
}

// --- violations ---------------------------------------------------------------

TEST(TestViolations, OneLinePerViolation) {
  const TestPolicy test_policy;
  const std::vector<Violation> violations{
      {"ENVIRONMENT", std::string_view("production"), "staging"},
      {"ENVIRONMENT", std::nullopt, "staging"},
  };
  std::ostringstream out;
  staging::write_test_violations(out, "chat_smoke", violations, test_policy.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 'chat_smoke' refused: ENVIRONMENT is 'production', required 'staging'\n"
            "StagingTests: test 'chat_smoke' refused: ENVIRONMENT is not set, required 'staging'\n");
}

TEST(TestViolations, SecretValuesAreRedacted) {
  const TestPolicy test_policy;
  const std::vector<Violation> violations{
      {"SERVICE_TOKEN", std::string_view("found-secret"), "required-secret"},
      {"SERVICE_TOKEN", std::nullopt, "required-secret"},
  };
  std::ostringstream out;
  staging::write_test_violations(out, "t", violations, test_policy.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 't' refused: SERVICE_TOKEN is set (redacted), required (redacted)\n"
            "StagingTests: test 't' refused: SERVICE_TOKEN is not set, required (redacted)\n");
}

TEST(Duplicates, BothValuesShownForAnOrdinaryName) {
  const TestPolicy test_policy;
  const Violation violation{"ENVIRONMENT", std::string_view("staging"), "staging", {}, true,
                            "prod\nuction"};
  std::ostringstream out;
  staging::write_test_violations(out, "t", {&violation, 1}, test_policy.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 't' refused: ENVIRONMENT is set more than once ('staging' first, "
            "'prod\\nuction' last): programs disagree on its value (getenv reads the first "
            "entry, a shell the last)\n");
}

TEST(Duplicates, NeverShowASecret) {
  TestPolicy test_policy;
  test_policy.secrets = {"SESSION_COOKIE"};
  for (std::string_view name : {"AZURE_AI_KEY", "DB_PASSWORD", "session_cookie"}) {
    const Violation violation{name, std::string_view("first-s3cr3t"), {}, {}, true, "last-s3cr3t"};
    std::ostringstream out;
    staging::write_test_violations(out, "t", {&violation, 1}, test_policy.policy());
    staging::write_guard_violations(out, "S.t", staging::GuardPhase::AtExit, {&violation, 1},
                                    test_policy.policy());
    staging::write_session_violations(out, {&violation, 1}, test_policy.policy(), false);
    EXPECT_EQ(out.str().find("s3cr3t"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find(std::string(name) + " is set more than once: programs disagree"),
              std::string::npos)
        << out.str();
  }
}

TEST(Duplicates, TheSessionSaysHowToFixThem) {
  const Violation violation{"AZURE_AI_ENDPOINT", std::string_view("a"), {}, {}, true, "b"};
  std::ostringstream out;
  staging::write_session_violations(out, {&violation, 1}, TestPolicy{}.policy(), true);
  EXPECT_EQ(out.str(),
            "StagingTests: session refused: AZURE_AI_ENDPOINT is set more than once ('a' first, "
            "'b' last): programs disagree on its value (getenv reads the first entry, a shell "
            "the last)\n"
            "Fix: give each of these variables once in the environment that starts ctest (a "
            "program that builds the environment by hand may have added a second entry).\n");
}

TEST(GuardViolations, NameTheCaseAndThePhase) {
  const Violation violation{"ENVIRONMENT", std::string_view("uat"), "staging"};
  const staging::Policy policy = TestPolicy{}.policy();
  const std::pair<staging::GuardPhase, std::string> phases[] = {
      {staging::GuardPhase::BeforeTest, "' started with a changed environment: "},
      {staging::GuardPhase::AfterTest, "' changed the environment while it ran: "},
      {staging::GuardPhase::AtExit, "' changed the environment and ended the process: "},
  };
  for (const auto& [phase, words] : phases) {
    std::ostringstream out;
    staging::write_guard_violations(out, "Suite.Case", phase, {&violation, 1}, policy);
    EXPECT_EQ(out.str(), "StagingTests: test 'Suite.Case" + words +
                             "ENVIRONMENT is 'uat', required 'staging'\n");
  }
}

TEST(SessionViolations, GuardedBlamesAnOverride) {
  const std::vector<Violation> violations{
      {"AZURE_KEY_VAULT_NAME", std::string_view("engram-prod-vault"), "engram-staging-vault"}};
  std::ostringstream out;
  staging::write_session_violations(out, violations, TestPolicy{}.policy(), true);
  EXPECT_EQ(out.str(),
            "StagingTests: session refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault', "
            "required 'engram-staging-vault'\n" +
                staging_test::kVaultRule +
                "Fix: something overrode an enforced variable after the StagingTests guard set it "
                "(an ENVIRONMENT or ENVIRONMENT_MODIFICATION test property?); "
                "remove that override.\n");
}

TEST(SessionViolations, ByHandAsksToUnset) {
  const std::vector<Violation> violations{
      {"AZURE_KEYVAULT_URL", std::string_view(""), "https://engram-staging-vault.vault.azure.net/"}};
  std::ostringstream out;
  staging::write_session_violations(out, violations, TestPolicy{}.policy(), false);
  EXPECT_EQ(out.str(),
            "StagingTests: session refused: AZURE_KEYVAULT_URL is '', "
            "required 'https://engram-staging-vault.vault.azure.net/'\n" +
                staging_test::kVaultRule +
                "Fix: unset these variables or set them to the required values "
                "(ctest sets them for you).\n");
}

TEST(SessionViolations, NoVaultRuleWithoutAVaultViolation) {
  const std::vector<Violation> violations{{"ENVIRONMENT", std::nullopt, "staging"}};
  std::ostringstream out;
  staging::write_session_violations(out, violations, TestPolicy{}.policy(), false);
  EXPECT_EQ(out.str().find("Rule:"), std::string::npos) << out.str();
}

// --- the policy -----------------------------------------------------------------

TEST(PolicyProblems, NameTheVariableAndTheRule) {
  TestPolicy test_policy;
  test_policy.target_variables[0].value = test_policy.forced[1].value = "engram-prod-vault";
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(test_policy.policy());
  std::ostringstream out;
  staging::write_policy_problems(out, problems, test_policy.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: policy refused: AZURE_KEY_VAULT_NAME 'engram-prod-vault' does not "
            "belong to environment 'staging' (it must contain 'staging' as a word separated by "
            "'-', '_' or '.')\n"
            "StagingTests: policy refused: AZURE_KEY_VAULT_NAME 'engram-prod-vault' names "
            "another environment ('prod')\n"
            "Fix: correct staging_tests_configure() in the project's CMakeLists.txt, then "
            "reconfigure and rebuild.\n");
}

TEST(PolicyProblems, EveryRuleHasOneLine) {
  const TestPolicy test_policy;
  for (staging::PolicyRule rule :
       {staging::PolicyRule::ForcedEnvironmentMissing, staging::PolicyRule::EnforcedNotAllowed,
        staging::PolicyRule::TargetNotForced, staging::PolicyRule::TargetNameMissingEnvironment,
        staging::PolicyRule::TargetRefusedWord, staging::PolicyRule::TargetUrlInvalid,
        staging::PolicyRule::TargetFieldInvalid, staging::PolicyRule::RefuseRuleInvalid,
        staging::PolicyRule::NetworkEntryInvalid}) {
    const std::vector<staging::PolicyProblem> problems{{"ENVIRONMENT", rule, "prod"}};
    std::ostringstream out;
    staging::write_policy_problems(out, problems, test_policy.policy());
    const std::string text = out.str();
    const std::string prefix = "StagingTests: policy refused: ENVIRONMENT";
    EXPECT_EQ(text.rfind(prefix, 0), 0u) << text;
    EXPECT_GT(text.find('\n'), prefix.size()) << text;
    EXPECT_EQ(text.find("Fix: correct staging_tests_configure()"), text.find('\n') + 1) << text;
  }
}

// --- the run ------------------------------------------------------------------

TEST(OtherMessages, StalePolicy) {
  std::ostringstream out;
  staging::write_stale_policy(out, "aaa", "bbb");
  EXPECT_EQ(out.str(),
            "StagingTests: this check program was built for policy 'aaa', but the test suite "
            "was generated for policy 'bbb'.\n"
            "Fix: the build tree is out of date: rebuild it (cmake --build <build-dir>), then "
            "run ctest again.\n");
}

TEST(OtherMessages, SessionMissingNamesTheSessionAndTheLabel) {
  TestPolicy test_policy;
  test_policy.session_test = "my_session";
  test_policy.label = "stg";
  std::ostringstream out;
  staging::write_session_missing(out, "chat_smoke", test_policy.policy());
  EXPECT_EQ(out.str(),
            "StagingTests: test 'chat_smoke' refused: the session 'my_session' did not pass in "
            "this ctest invocation, so nothing validated the run.\n"
            "Fix: run the suite with its session, which every staging test requires (ctest -L "
            "'^stg$'); it does not run when excluded (-E, -FS, -FA, CTEST_CUSTOM_TESTS_IGNORE) "
            "or when it failed.\n");
}

TEST(OtherMessages, RecordFailureSaysWhatIsInTheWay) {
  const std::pair<staging::RecordResult, std::string> results[] = {
      {staging::RecordResult::NotRegularFile,
       "tests.log is not a regular file (a FIFO, directory or link is in its place)"},
      {staging::RecordResult::NoDirectory, "the run directory does not exist"},
      {staging::RecordResult::Failed, std::strerror(ENOSPC)},
  };
  for (const auto& [result, why] : results) {
    std::ostringstream out;
    staging::write_record_failure(out, "t", "/b/runs/1", result, ENOSPC);
    EXPECT_EQ(out.str(), "StagingTests: test 't' refused: cannot write the run record in "
                         "'/b/runs/1': " + why + ".\n"
                         "Fix: leave StagingTests' run directories to it: remove what is in the "
                         "way and run ctest again.\n");
  }
}

TEST(OtherMessages, RunDirectoryFailure) {
  std::ostringstream out;
  staging::write_run_directory_failure(out, "/b/runs/1", EACCES);
  EXPECT_EQ(out.str(), "StagingTests: session refused: cannot create the run directory "
                       "'/b/runs/1': " + std::string(std::strerror(EACCES)) + ".\n"
                       "Fix: make the build tree writable; each ctest invocation needs a new "
                       "run directory there.\n");
}

TEST(OtherMessages, ExecFailure) {
  std::ostringstream out;
  staging::write_exec_failure(out, "chat_smoke", "./missing", ENOENT);
  EXPECT_EQ(out.str(), "StagingTests: test 'chat_smoke' refused: cannot run './missing': " +
                           std::string(std::strerror(ENOENT)) + "\n");
}

TEST(OtherMessages, SilencedGuard) {
  std::ostringstream out;
  staging::write_silenced_guard(out);
  EXPECT_EQ(out.str(),
            "StagingTests: GoogleTest ran with its internal death-test flag outside a death "
            "test, which silences every listener and so the StagingTests guard.\n"
            "Fix: remove --gtest_internal_run_death_test (or GTEST_INTERNAL_RUN_DEATH_TEST) "
            "from the test's arguments and environment; GoogleTest sets it for its own death "
            "tests.\n");
}

const std::string kUsage =
    "usage: staging_tests_check guard --policy-id <id>\n"
    "       staging_tests_check session --run-dir <dir>\n"
    "       staging_tests_check run --run-dir <dir> --test <name> [--outside] "
    "[--preload <library>] -- <command>...\n"
    "       staging_tests_check checklist --run-dir <dir>\n";

TEST(UsageErrors, NameTheProblemThenTheForms) {
  const std::pair<staging::UsageError, std::string> errors[] = {
      {staging::UsageError::NoMode, "no mode given"},
      {staging::UsageError::UnknownMode, "unknown mode 'gaurd\\n'"},
      {staging::UsageError::UnexpectedArgument, "unexpected argument 'gaurd\\n'"},
      {staging::UsageError::MissingOption, "missing gaurd\\n"},
      {staging::UsageError::MissingSeparator,
       "run must be followed by its options, '--' and the command, found 'gaurd\\n'"},
      {staging::UsageError::MissingCommand, "run ... -- needs a command"},
  };
  for (const auto& [error, text] : errors) {
    std::ostringstream out;
    staging::write_usage_error(out, error, "gaurd\n");
    EXPECT_EQ(out.str(), "staging_tests_check: " + text + "\n" + kUsage);
  }
  std::ostringstream out;
  staging::write_usage_error(out, staging::UsageError::MissingSeparator);
  EXPECT_EQ(out.str(), "staging_tests_check: run must be followed by its options, '--' and the "
                       "command\n" + kUsage);
}

// --- the checklist --------------------------------------------------------------

staging::RunSummary summary_of(std::initializer_list<staging::RecordEntry> entries) {
  staging::RunSummary summary;
  summary.session = true;
  summary.entries = entries;
  return summary;
}

std::string checklist(const staging::RunSummary& summary) {
  std::ostringstream out;
  staging::write_checklist(out, TestPolicy{}.policy(), summary);
  return out.str();
}

const std::string kOk = "\xe2\x9c\x93 ";
const std::string kNotOk = "\xe2\x9c\x97 ";

TEST(Checklist, AllGood) {
  EXPECT_EQ(checklist(summary_of({{RunOutcome::Ok, RunLayer::Check, "a"},
                                  {RunOutcome::Ok, RunLayer::Check, "b"},
                                  {RunOutcome::Ok, RunLayer::GoogleTest, "S.a"}})),
            kRule + "\nSTAGING CHECKLIST (this ctest invocation)\n" + kRule + "\n" + kOk +
                "Session: 'staging_session' validated the staging environment before any "
                "staging test\n" +
                kOk + "staging tests checked by the check program before they ran: 2\n" + kOk +
                "Cases checked inside their binaries, before and after each case: 1 "
                "(GoogleTest 1)\n" +
                kRule + "\n");
}

TEST(Checklist, RefusalsAreNamedAndOutsideTestsCounted) {
  EXPECT_EQ(checklist(summary_of({{RunOutcome::Refused, RunLayer::Check, "bad\n["},
                                  {RunOutcome::Ok, RunLayer::Check, "good"},
                                  {RunOutcome::Refused, RunLayer::GoogleTest, "S.bad"},
                                  {RunOutcome::Ok, RunLayer::Outside, "dep"},
                                  {RunOutcome::Refused, RunLayer::Outside, "dep2"}})),
            kRule + "\nSTAGING CHECKLIST (this ctest invocation)\n" + kRule + "\n" + kOk +
                "Session: 'staging_session' validated the staging environment before any "
                "staging test\n" +
                kNotOk +
                "staging tests checked by the check program before they ran: 2, refused 1: "
                "bad\\n\\x5b\n" +
                kNotOk +
                "Cases checked inside their binaries, before and after each case: 1 "
                "(GoogleTest 1), failed 1: S.bad\n"
                "  Tests outside the staging suite (EXCLUDE_DIRECTORIES), checked by the check "
                "program: 2, refused 1\n" +
                kRule + "\n");
}

TEST(Checklist, CasesOfEveryFrameworkAreCountedTogether) {
  const std::string text = checklist(summary_of({{RunOutcome::Ok, RunLayer::GoogleTest, "G.a"},
                                                 {RunOutcome::Refused, RunLayer::Doctest, "d"},
                                                 {RunOutcome::Ok, RunLayer::Catch2, "c1"},
                                                 {RunOutcome::Refused, RunLayer::Catch2, "c2"},
                                                 {RunOutcome::Refused, RunLayer::Check, "t"}}));
  EXPECT_NE(text.find(kNotOk + "Cases checked inside their binaries, before and after each case: "
                               "4 (GoogleTest 1, Catch2 2, doctest 1), failed 2: d, c2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("before they ran: 1, refused 1: t\n"), std::string::npos) << text;
}

TEST(Checklist, ProcessesALauncherStartedAreNamed) {
  const std::string text = checklist(summary_of({{RunOutcome::Ok, RunLayer::Check, "t"},
                                                 {RunOutcome::Refused, RunLayer::Process, "t"},
                                                 {RunOutcome::Refused, RunLayer::Process, "u"}}));
  EXPECT_NE(text.find(kOk + "staging tests checked by the check program before they ran: 1\n" +
                      kNotOk + "Processes started by a test's launcher with a changed "
                               "environment: 2: t, u\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(checklist(summary_of({{RunOutcome::Ok, RunLayer::Check, "t"}})).find("Processes"),
            std::string::npos);
}

TEST(Checklist, NoSessionAndAnUnreadableRecord) {
  staging::RunSummary summary;
  summary.session = false;
  summary.readable = false;
  const std::string text = checklist(summary);
  EXPECT_NE(text.find(kNotOk + "Session: 'staging_session' did not pass, so every staging test "
                               "was refused\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(kNotOk + "staging tests checked by the check program before they ran: "
                               "unknown\n"),
            std::string::npos)
      << "an unreadable record proves nothing";
  EXPECT_EQ(text.find("Cases checked"), std::string::npos) << "no case, no line";
  EXPECT_NE(text.find(kNotOk + "The run record holds lines no check wrote (tests.log is not a "
                               "regular file)\n"),
            std::string::npos);
  summary.readable = true;
  summary.malformed = 2;
  EXPECT_NE(checklist(summary).find(kNotOk + "The run record holds lines no check wrote\n"),
            std::string::npos);
}

TEST(Checklist, NoTestAtAllIsNotASuccess) {
  const std::string text = checklist(summary_of({}));
  EXPECT_NE(text.find(kNotOk + "staging tests checked by the check program before they ran: 0 "
                               "(no staging test ran: the suite is empty, or the filter kept "
                               "none of its tests)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(checklist(summary_of({{RunOutcome::Ok, RunLayer::Outside, "dep"}})).find(kNotOk + "staging tests checked"),
            std::string::npos)
      << "a test outside the suite is not one of it";
}

TEST(Checklist, ManyRefusalsAreCut) {
  staging::RunSummary summary = summary_of({});
  for (int i = 0; i < 25; ++i) {
    summary.entries.push_back({RunOutcome::Refused, RunLayer::Check, "t" + std::to_string(i)});
  }
  const std::string text = checklist(summary);
  EXPECT_NE(text.find(": 25, refused 25: t0, t1, "), std::string::npos) << text;
  EXPECT_NE(text.find(", t19 and 5 more\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("t20"), std::string::npos);
}

// --- the two promises, over every writer ---------------------------------------

TEST(SkipMarker, NoMessageCanSpellIt) {
  TestPolicy test_policy;
  const std::string& hostile = kSkipMarker;
  test_policy.allowed = {"staging", hostile};
  test_policy.pass_through = {hostile};
  test_policy.session_test = hostile;
  test_policy.label = hostile;
  const staging::Policy policy = test_policy.policy();
  const std::vector<Violation> violations{
      {"ENVIRONMENT", std::string_view(hostile), "staging"},
      {hostile, std::string_view(hostile), hostile, {}, true, hostile},
      {hostile, std::string_view(hostile), {}, hostile},
  };
  const std::vector<staging::PolicyProblem> problems{
      {hostile, staging::PolicyRule::RefuseRuleInvalid, hostile}};
  std::ostringstream out;
  staging::write_banner(out, policy, FakeEnvironment{{hostile, "x"}}, CallerDecision::Overridden,
                        std::string_view(hostile));
  staging::write_confirmation(out, policy);
  staging::write_refusal(out, policy, hostile);
  staging::write_test_violations(out, hostile, violations, policy);
  for (auto phase : {staging::GuardPhase::BeforeTest, staging::GuardPhase::AfterTest,
                     staging::GuardPhase::AtExit}) {
    staging::write_guard_violations(out, hostile, phase, violations, policy);
  }
  staging::write_session_violations(out, violations, policy, true);
  staging::write_policy_problems(out, problems, policy);
  staging::write_stale_policy(out, hostile, hostile);
  staging::write_session_missing(out, hostile, policy);
  staging::write_record_failure(out, hostile, hostile, staging::RecordResult::NotRegularFile, 0);
  staging::write_run_directory_failure(out, hostile, ENOENT);
  staging::write_exec_failure(out, hostile, hostile, ENOENT);
  staging::write_silenced_guard(out);
  staging::write_checklist(out, policy,
                           summary_of({{RunOutcome::Refused, RunLayer::Check, hostile},
                                       {RunOutcome::Refused, RunLayer::GoogleTest, hostile}}));
  for (auto error : {staging::UsageError::NoMode, staging::UsageError::UnknownMode,
                     staging::UsageError::UnexpectedArgument, staging::UsageError::MissingOption,
                     staging::UsageError::MissingSeparator, staging::UsageError::MissingCommand}) {
    staging::write_usage_error(out, error, hostile);
  }
  EXPECT_EQ(out.str().find(kSkipMarker), std::string::npos) << defused(out.str());
  EXPECT_NE(out.str().find("SKIPPED"), std::string::npos) << "the values were written";
}

}  // namespace
