// Odd values of the caller's environment, class by class, through every layer
// that reads them: the rules, the messages, the check program's modes and the
// in-binary guard. Each class has one expected verdict under THE rule of
// rules.hpp (ENVIRONMENT trimmed of ASCII whitespace, ASCII case ignored;
// everything else byte for byte) and one expected printed form (printable()),
// and every layer must agree with both. (tests/scripts/test_odd_input.py
// runs the same classes through the built programs.)
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fakes.hpp"
#include "staging/in_binary_guard.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/rules.hpp"

namespace {

using staging::CallerDecision;
using staging::kExitOk;
using staging::kExitRefused;
using staging::kExitTerminate;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::FakeExec;
using staging_test::kBanner;
using staging_test::kConfirmation;
using staging_test::kSkipMarker;
using staging_test::Outcome;
using staging_test::run;
using staging_test::TempDirectory;
using staging_test::TestPolicy;

constexpr std::size_t kMebibyte = std::size_t{1} << 20;

// One class of odd ENVIRONMENT value.
struct OddValue {
  const char* label;
  std::string value;
  bool staging;          // same_environment(value, "staging")
  bool names_none;       // empty after trimming: the caller named no environment
  std::string printed;   // printable(value)
  bool prod_row;         // a refusal shows the table with the prod row marked
};

void PrintTo(const OddValue& odd, std::ostream* out) { *out << odd.label; }

const std::string kPadding(kMebibyte / 2, ' ');

const OddValue kOddValues[] = {
    {"Empty", "", false, true, "", false},
    {"WhitespaceOnly", " \t\r\n\v\f ", false, true, " \\x09\\x0d\\n\\x0b\\x0c ", false},
    {"WhitespaceAround", " Staging\n", true, false, " Staging\\n", false},
    {"OtherCase", "STAGING", true, false, "STAGING", false},
    {"MixedCaseTabs", "\tsTaGiNg\t", true, false, "\\x09sTaGiNg\\x09", false},
    {"MebibyteOfWhitespaceAroundStaging", kPadding + "staging" + kPadding, true, false,
     std::string(200, ' ') + "... (1048583 bytes)", false},
    {"Mebibyte", std::string(kMebibyte, 'a'), false, false,
     std::string(200, 'a') + "... (1048576 bytes)", false},
    {"MebibyteOfNonUtf8", std::string(kMebibyte, '\xff'), false, false,
     [] {
       std::string escapes;
       for (int i = 0; i < 50; ++i) escapes += "\\xff";
       return escapes + "... (1048576 bytes)";
     }(),
     false},
    {"NewlineInside", "staging\nprod", false, false, "staging\\nprod", true},
    {"NewlineAtEndOfProd", "prod\n", false, false, "prod\\n", true},
    {"NonUtf8", "st\xc3\x28ging\xff", false, false, "st\\xc3(ging\\xff", false},
    {"Latin1Staging", "st\xe4ging", false, false, "st\\xe4ging", false},
    {"NonUtf8AroundStaging", "\xffstaging\xff", false, false, "\\xffstaging\\xff", false},
    {"KelvinSign", "wor\xe2\x84\xaa", false, false, "wor\\xe2\\x84\\xaa", false},
    {"EqualsInside", "staging=1", false, false, "staging=1", false},
    {"AssignmentAsValue", "ENVIRONMENT=staging", false, false, "ENVIRONMENT=staging", false},
    {"EqualsAroundProd", "=prod=", false, false, "=prod=", true},
    {"ABracket", "staging[", false, false, "staging\\x5b", false},
};

class OddEnvironment : public testing::TestWithParam<OddValue> {
 protected:
  const OddValue& odd() const { return GetParam(); }
  bool accepted() const { return odd().staging || odd().names_none; }

  // What a refused caller reads.
  std::string refusal() const {
    std::string text =
        "ERROR: Tests must run against STAGING environment only!\n"
        "Current environment: " + odd().printed + "\n"
        "Allowed environments: staging\n";
    if (odd().prod_row) text += staging_test::kProdTable;
    return text + "Fix: unset ENVIRONMENT or set it to one of: staging\n";
  }

  // Per test, "no environment" is no more staging than any other value.
  std::string test_refusal(const std::string& test) const {
    return "StagingTests: test '" + test + "' refused: ENVIRONMENT is '" + odd().printed +
           "', required 'staging'\n";
  }

  TestPolicy test_policy;
  TempDirectory directory;
};

std::string name_of(const testing::TestParamInfo<OddValue>& info) { return info.param.label; }

INSTANTIATE_TEST_SUITE_P(Classes, OddEnvironment, testing::ValuesIn(kOddValues), name_of);

// --- rules ------------------------------------------------------------------

TEST_P(OddEnvironment, SameEnvironmentFollowsTheOneRule) {
  EXPECT_EQ(staging::same_environment(odd().value, "staging"), odd().staging);
  EXPECT_EQ(staging::same_environment(odd().value, "STAGING"), odd().staging);
  EXPECT_FALSE(staging::same_environment(odd().value, "uat"));
}

TEST_P(OddEnvironment, DecideCaller) {
  const CallerDecision expected = odd().names_none ? CallerDecision::Forced
                                  : odd().staging  ? CallerDecision::Allowed
                                                   : CallerDecision::Refused;
  EXPECT_EQ(staging::decide_caller(test_policy.policy(), std::string_view(odd().value)), expected);
  test_policy.on_mismatch = staging::OnMismatch::Force;
  EXPECT_EQ(staging::decide_caller(test_policy.policy(), std::string_view(odd().value)),
            expected == CallerDecision::Refused ? CallerDecision::Overridden : expected);
}

TEST_P(OddEnvironment, TheScanKeepsTheValueByteForByte) {
  const std::string& kept = odd().value;
  const FakeEnvironment environment{{"ENVIRONMENT", odd().value}};
  staging::Scan scan({"ENVIRONMENT"});
  scan.run(environment);
  ASSERT_TRUE(scan.get("ENVIRONMENT").value.has_value());
  EXPECT_EQ(*scan.get("ENVIRONMENT").value, kept);
  const FakeEnvironment guarded{{"STAGING_TESTS_GUARD", "1"},
                                {"ENVIRONMENT", "staging"},
                                {"STAGING_TESTS_CALLER_ENVIRONMENT", odd().value}};
  const staging::Caller caller = staging::read_caller(guarded);
  EXPECT_TRUE(caller.guarded);
  ASSERT_TRUE(caller.value.has_value());
  EXPECT_EQ(*caller.value, kept);
}

TEST_P(OddEnvironment, CheckEnvironment) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", odd().value);
  staging::Scan scan(staging::checked_variable_names(test_policy.policy()));
  scan.run(environment);
  for (staging::Absent absent : {staging::Absent::IsViolation, staging::Absent::IsAllowed}) {
    const std::vector<staging::Violation> violations =
        staging::check_environment(test_policy.policy(), scan, absent);
    if (odd().staging) {
      EXPECT_TRUE(violations.empty());
      continue;
    }
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].name, "ENVIRONMENT");
    EXPECT_EQ(violations[0].found, std::optional<std::string_view>(odd().value));
    EXPECT_EQ(violations[0].required, "staging");
    EXPECT_EQ(violations[0].refused_word, "");
    EXPECT_FALSE(violations[0].duplicated);
  }
}

// --- messages ---------------------------------------------------------------

TEST_P(OddEnvironment, PrintableIsOneBoundedEscapedLine) {
  const std::string printed = staging::printable(odd().value);
  EXPECT_EQ(printed, odd().printed);
  EXPECT_EQ(printed.find('\n'), std::string::npos);
  EXPECT_EQ(printed.find('['), std::string::npos);
  EXPECT_LE(printed.size(), 200 + std::string("... (1048583 bytes)").size());
  for (char c : printed) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "byte " << static_cast<int>(static_cast<unsigned char>(c));
  }
}

TEST_P(OddEnvironment, ViolationMessagesAreOneLineEach) {
  const staging::Violation violation{"ENVIRONMENT", std::string_view(odd().value), "staging"};
  const staging::Policy policy = test_policy.policy();
  std::ostringstream out;
  staging::write_test_violations(out, "t", {&violation, 1}, policy);
  EXPECT_EQ(out.str(), test_refusal("t"));
  std::ostringstream guard;
  staging::write_guard_violations(guard, "S.t", staging::GuardPhase::AfterTest, {&violation, 1},
                                  policy);
  EXPECT_EQ(guard.str(), "StagingTests: test 'S.t' changed the environment while it ran: "
                         "ENVIRONMENT is '" + odd().printed + "', required 'staging'\n");
  const staging::Violation twice{"ENVIRONMENT", std::string_view("staging"), "staging", {}, true,
                                 odd().value};
  std::ostringstream duplicated;
  staging::write_test_violations(duplicated, "t", {&twice, 1}, policy);
  EXPECT_EQ(duplicated.str(), "StagingTests: test 't' refused: ENVIRONMENT is set more than once "
                              "('staging' first, '" + odd().printed +
                              "' last): programs disagree on its value (getenv reads the first "
                              "entry, a shell the last)\n");
}

// --- the check program's modes ----------------------------------------------

TEST_P(OddEnvironment, GuardMode) {
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", odd().value}},
                              {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.out, "");
  if (accepted()) {
    EXPECT_EQ(outcome.code, kExitOk);
    EXPECT_EQ(outcome.err, kBanner + kConfirmation);
  } else {
    EXPECT_EQ(outcome.code, kExitRefused);
    EXPECT_EQ(defused(outcome.err), defused(refusal()));
  }
}

TEST_P(OddEnvironment, GuardModeOverriddenUnderForceShowsTheValueEscaped) {
  test_policy.on_mismatch = staging::OnMismatch::Force;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", odd().value}},
                              {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitOk);
  const std::string note =
      "Note: caller's ENVIRONMENT=" + odd().printed + " overridden (ON_MISMATCH FORCE)\n";
  EXPECT_EQ(outcome.err.find(note) != std::string::npos, !accepted()) << defused(outcome.err);
}

TEST_P(OddEnvironment, SessionModeByHand) {
  const std::string run_dir = directory / "run";
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", odd().value}},
                              {"session", "--run-dir", run_dir});
  if (accepted()) {
    EXPECT_EQ(outcome.code, kExitOk) << defused(outcome.err);
    EXPECT_EQ(outcome.out, kBanner + kConfirmation);
    EXPECT_EQ(outcome.err, "");
    EXPECT_TRUE(staging::session_stamp_exists(run_dir));
  } else {
    EXPECT_EQ(outcome.code, kExitTerminate);
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(defused(outcome.err), defused(refusal()));
    EXPECT_FALSE(std::filesystem::exists(run_dir));
  }
}

TEST_P(OddEnvironment, SessionModeUnderTheGuardJudgesTheCapturedValue) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("STAGING_TESTS_GUARD", "1").set("STAGING_TESTS_CALLER_ENVIRONMENT", odd().value);
  const Outcome outcome =
      run(test_policy.policy(), environment, {"session", "--run-dir", directory / "run"});
  if (accepted()) {
    EXPECT_EQ(outcome.code, kExitOk) << defused(outcome.err);
    EXPECT_EQ(outcome.out, kBanner + kConfirmation);
  } else {
    EXPECT_EQ(outcome.code, kExitTerminate);
    EXPECT_EQ(defused(outcome.err), defused(refusal()));
  }
}

TEST_P(OddEnvironment, RunModeAppliesTheRulePerTest) {
  const std::string run_dir = directory / "run";
  std::filesystem::create_directories(run_dir);
  staging_test::write_text(directory.path() / "run" / "session.ok", "ok\n");
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", odd().value);
  const FakeExec exec;
  const Outcome outcome = run(test_policy.policy(), environment,
                              {"run", "--run-dir", run_dir, "--test", "odd test", "--", "probe"},
                              exec);
  EXPECT_EQ(outcome.out, "");
  if (odd().staging) {
    EXPECT_EQ(outcome.code, 0);
    EXPECT_EQ(outcome.err, "");
    EXPECT_EQ(exec.calls, 1);
  } else {
    EXPECT_EQ(outcome.code, kExitTerminate);
    EXPECT_EQ(defused(outcome.err), defused(test_refusal("odd test")));
    EXPECT_EQ(exec.calls, 0);
  }
}

// --- the in-binary guard ----------------------------------------------------

TEST_P(OddEnvironment, InBinaryGuardAtStart) {
  const staging::Policy policy = test_policy.policy();
  FakeEnvironment environment{{"ENVIRONMENT", odd().value}};
  staging::InBinaryGuard guard(policy, environment);
  guard.start();
  EXPECT_EQ(defused(guard.refusal()), accepted() ? std::string() : defused(refusal()));
  EXPECT_EQ(environment.get("ENVIRONMENT"), "staging") << "forced to the exact value, always";
}

TEST_P(OddEnvironment, InBinaryGuardWhenACaseSetsIt) {
  const staging::Policy policy = test_policy.policy();
  FakeEnvironment environment;
  staging::InBinaryGuard guard(policy, environment);
  guard.start();
  environment.set("ENVIRONMENT", odd().value);
  const std::string failure = guard.check("S.t", staging::GuardPhase::AfterTest);
  if (odd().staging) {
    EXPECT_EQ(failure, "");
    EXPECT_FALSE(guard.violated());
    EXPECT_EQ(environment.get("ENVIRONMENT"), odd().value) << "nothing to restore";
    return;
  }
  EXPECT_EQ(defused(failure), defused("StagingTests: test 'S.t' changed the environment while it "
                                      "ran: ENVIRONMENT is '" + odd().printed +
                                      "', required 'staging'\n"));
  EXPECT_TRUE(guard.violated());
  EXPECT_EQ(environment.get("ENVIRONMENT"), "staging");
}

// --- other variables: byte for byte, and never misread ----------------------

Outcome run_test(const staging::Policy& policy, const FakeEnvironment& environment,
                 const TempDirectory& directory, const FakeExec& exec, std::string name = "t") {
  std::filesystem::create_directories(directory.path() / "run");
  staging_test::write_text(directory.path() / "run" / "session.ok", "ok\n");
  return run(policy, environment,
             {"run", "--run-dir", directory / "run", "--test", std::move(name), "--", "x"}, exec);
}

TEST(OddVariables, OtherForcedVariablesCompareByteForByte) {
  const TestPolicy test_policy;
  const TempDirectory directory;
  const std::string vault = "engram-staging-vault";
  for (const std::string& odd : {" " + vault, vault + "\n", std::string("ENGRAM-STAGING-VAULT"),
                                 std::string(), vault + "=", vault + "\xff",
                                 std::string(kMebibyte, 'v')}) {
    FakeEnvironment environment = test_policy.staged();
    environment.set("AZURE_KEY_VAULT_NAME", odd);
    const FakeExec exec;
    const Outcome outcome = run_test(test_policy.policy(), environment, directory, exec);
    EXPECT_EQ(outcome.code, kExitTerminate) << staging::printable(odd);
    EXPECT_EQ(outcome.err, "StagingTests: test 't' refused: AZURE_KEY_VAULT_NAME is '" +
                               staging::printable(odd) + "', required '" + vault + "'\n");
    EXPECT_EQ(exec.calls, 0);
  }
}

TEST(OddVariables, ANameIsNeverTrimmedOrCaseFolded) {
  const TestPolicy test_policy;
  const TempDirectory directory;
  FakeEnvironment environment{{" ENVIRONMENT", "production"},
                              {"ENVIRONMENT ", "production"},
                              {"environment", "production"},
                              {"ENVIRONMEN", "T=production"}};
  environment.append("ENVIRONMENT");
  EXPECT_EQ(staging::read_caller(environment).value, std::nullopt);
  EXPECT_EQ(run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"}).code,
            kExitOk);
  EXPECT_EQ(run(test_policy.policy(), environment, {"session", "--run-dir", directory / "s"}).code,
            kExitOk);
  const FakeExec exec;
  const Outcome outcome = run_test(test_policy.policy(), environment, directory, exec);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.err.find("StagingTests: test 't' refused: ENVIRONMENT is not set, "
                             "required 'staging'\n"),
            0u)
      << outcome.err;
}

TestPolicy refusing_prod() {
  TestPolicy test_policy;
  test_policy.refuse = {{"AZURE_AI_ENDPOINT", "prod"}, {"AZURE_AI_KEY", "prod"}};
  return test_policy;
}

TEST(OddVariables, RefusedWordsAreFoundAcrossOddSeparators) {
  const TestPolicy test_policy = refusing_prod();
  const TempDirectory directory;
  struct Case {
    std::string value;
    bool refused;
  };
  const Case cases[] = {
      {"https://x/\nprod", true},
      {"PROD", true},
      {" prod ", true},
      {"\xffprod\xff", true},
      {"\xe2\x84\xaaprod", true},
      {"a=prod", true},
      {"prod=1", true},
      {std::string(kMebibyte, 'x') + "-prod", true},
      {"product", false},
      {"reprod", false},
      {"pr\nod", false},
      {"", false},
      {std::string(kMebibyte, 'p'), false},
  };
  for (const Case& c : cases) {
    FakeEnvironment environment = test_policy.staged();
    environment.set("AZURE_AI_ENDPOINT", c.value);
    staging::Scan scan(staging::checked_variable_names(test_policy.policy()));
    scan.run(environment);
    const std::vector<staging::Violation> violations =
        staging::check_environment(test_policy.policy(), scan, staging::Absent::IsViolation);
    ASSERT_EQ(violations.size(), c.refused ? 1u : 0u) << staging::printable(c.value);
    if (!c.refused) continue;
    EXPECT_EQ(violations[0].refused_word, "prod");
    const FakeExec exec;
    const Outcome outcome = run_test(test_policy.policy(), environment, directory, exec);
    EXPECT_EQ(outcome.code, kExitTerminate);
    EXPECT_EQ(outcome.err, "StagingTests: test 't' refused: AZURE_AI_ENDPOINT is '" +
                               staging::printable(c.value) +
                               "': it contains the refused word 'prod' "
                               "(REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
    EXPECT_EQ(exec.calls, 0);
  }
}

TEST(OddVariables, ARefusedMebibyteValueIsCutInTheMessage) {
  const TestPolicy test_policy = refusing_prod();
  const TempDirectory directory;
  FakeEnvironment environment = test_policy.staged();
  environment.set("AZURE_AI_ENDPOINT", std::string(kMebibyte - 5, 'x') + "-prod");
  const Outcome outcome =
      run(test_policy.policy(), environment, {"session", "--run-dir", directory / "run"});
  EXPECT_EQ(outcome.code, kExitTerminate);
  const std::string first_line = outcome.err.substr(0, outcome.err.find('\n') + 1);
  EXPECT_EQ(first_line, "StagingTests: session refused: AZURE_AI_ENDPOINT is '" +
                            std::string(200, 'x') +
                            "... (1048576 bytes)': it contains the refused word 'prod' "
                            "(REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
  EXPECT_LT(outcome.err.size(), 2000u);
}

TEST(OddVariables, OddSecretValuesAreNeverShown) {
  const TestPolicy test_policy = refusing_prod();
  const std::string secrets[] = {
      "s3cr3t-prod\nline2",
      "\xff\xfe-prod-s3cr3t",
      "s3cr3t=prod",
      std::string(kMebibyte, 'k') + " prod",
      " prod\t",
  };
  for (const std::string& secret : secrets) {
    const TempDirectory directory;
    for (bool twice : {false, true}) {
      FakeEnvironment environment = test_policy.staged();
      environment.set("AZURE_AI_KEY", secret).set("STAGING_TESTS_GUARD", "1");
      if (twice) environment.append("AZURE_AI_KEY", secret + "-2");
      const FakeExec exec;
      const std::vector<Outcome> outcomes{
          run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"}),
          run(test_policy.policy(), environment, {"session", "--run-dir", directory / "s"}),
          run_test(test_policy.policy(), environment, directory, exec),
      };
      for (const Outcome& outcome : outcomes) {
        const std::string text = outcome.out + outcome.err;
        EXPECT_NE(outcome.code, kExitOk);
        EXPECT_NE(text.find(twice ? "AZURE_AI_KEY is set more than once: programs disagree"
                                  : "AZURE_AI_KEY is set (redacted): it contains the refused "
                                    "word 'prod'"),
                  std::string::npos)
            << defused(text);
        for (const std::string& piece : {std::string("s3cr3t"), std::string("kkkkkkkk"),
                                         staging::printable(secret)}) {
          EXPECT_EQ(text.find(piece), std::string::npos) << defused(text);
        }
      }
      EXPECT_EQ(exec.calls, 0);
    }
  }
}

TEST(OddVariables, NoOddValueSpellsTheSkipMarker) {
  const TestPolicy test_policy = refusing_prod();
  for (const std::string& hostile :
       {kSkipMarker, "\n" + kSkipMarker + "\n", "prod " + kSkipMarker, "\xff" + kSkipMarker}) {
    const TempDirectory directory;
    FakeEnvironment environment = test_policy.staged();
    environment.set("ENVIRONMENT", hostile).set("AZURE_AI_ENDPOINT", hostile);
    const FakeExec exec;
    const std::vector<Outcome> outcomes{
        run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"}),
        run(test_policy.policy(), environment, {"session", "--run-dir", directory / "s"}),
        run_test(test_policy.policy(), environment, directory, exec, hostile),
    };
    for (const Outcome& outcome : outcomes) {
      const std::string text = outcome.out + outcome.err;
      EXPECT_NE(outcome.code, kExitOk);
      EXPECT_EQ(text.find(kSkipMarker), std::string::npos) << defused(text);
      EXPECT_NE(text.find("SKIPPED"), std::string::npos) << "the value was shown";
    }
  }
}

}  // namespace
