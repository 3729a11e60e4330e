// Odd values of the caller's environment, class by class, through every layer
// that reads them: the rules, the messages, the check program's modes and the
// GoogleTest guard. Each class has one expected verdict under THE rule of
// rules.hpp (ENVIRONMENT trimmed of ASCII whitespace, ASCII case ignored;
// everything else byte for byte) and one expected printed form (printable()),
// and every layer must agree with both.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fakes.hpp"
#include "staging/gtest_guard.hpp"
#include "staging/messages.hpp"
#include "staging/modes.hpp"
#include "staging/rules.hpp"

namespace {

using namespace std::string_literals;
using staging::CallerDecision;
using staging_test::Args;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::FakeExec;
using staging_test::kSkipMarker;
using staging_test::SeedPolicy;

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
    {"EqualsInside", "staging=1", false, false, "staging=1", false},
    {"AssignmentAsValue", "ENVIRONMENT=staging", false, false, "ENVIRONMENT=staging", false},
    {"EqualsAroundProd", "=prod=", false, false, "=prod=", true},
    {"NulInside", "staging\0"s, false, false, "staging\\x00", false},
};

class OddEnvironment : public testing::TestWithParam<OddValue> {
 protected:
  const OddValue& odd() const { return GetParam(); }

  // What a refused caller reads, as modes_test spells the seed's refusal.
  std::string refusal() const {
    std::string text =
        "ERROR: Tests must run against STAGING environment only!\n"
        "Current environment: " + odd().printed + "\n"
        "Allowed environments: staging\n";
    if (odd().prod_row) {
      text += staging_test::kProdTable;
    }
    return text + "Fix: unset ENVIRONMENT or set it to one of: staging\n";
  }

  // Per test, "no environment" is no more staging than any other value.
  std::string test_refusal(const std::string& test) const {
    return "StagingTests: test '" + test + "' refused: ENVIRONMENT is '" + odd().printed +
           "', required 'staging'\n";
  }

  SeedPolicy seed;
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
  EXPECT_EQ(staging::decide_caller(seed.policy(), std::string_view(odd().value)), expected);
  seed.on_mismatch = staging::OnMismatch::Force;
  EXPECT_EQ(staging::decide_caller(seed.policy(), std::string_view(odd().value)),
            expected == CallerDecision::Refused ? CallerDecision::Overridden : expected);
}

TEST_P(OddEnvironment, ReadCallerKeepsTheValueByteForByte) {
  const FakeEnvironment by_hand_environment{{"ENVIRONMENT", odd().value}};
  const staging::Caller by_hand = staging::read_caller(by_hand_environment);
  EXPECT_FALSE(by_hand.guarded);
  ASSERT_TRUE(by_hand.value.has_value());
  EXPECT_EQ(*by_hand.value, odd().value);

  const FakeEnvironment guarded{{"STAGING_TESTS_GUARD", "1"},
                                {"ENVIRONMENT", "staging"},
                                {"STAGING_TESTS_CALLER_ENVIRONMENT", odd().value}};
  const staging::Caller caller = staging::read_caller(guarded);
  EXPECT_TRUE(caller.guarded);
  ASSERT_TRUE(caller.value.has_value());
  EXPECT_EQ(*caller.value, odd().value);
}

TEST_P(OddEnvironment, CheckForcedVariables) {
  FakeEnvironment environment = seed.staged();
  environment.set("ENVIRONMENT", odd().value);
  for (staging::Absent absent : {staging::Absent::IsViolation, staging::Absent::IsAllowed}) {
    const std::vector<staging::Violation> violations =
        staging::check_forced_variables(seed.policy(), environment, absent);
    if (odd().staging) {
      EXPECT_TRUE(violations.empty());
      continue;
    }
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].name, "ENVIRONMENT");
    ASSERT_TRUE(violations[0].found.has_value());
    EXPECT_EQ(*violations[0].found, odd().value);
    EXPECT_EQ(violations[0].required, "staging");
    EXPECT_EQ(violations[0].refused_word, "");
  }
}

// --- messages ---------------------------------------------------------------

TEST_P(OddEnvironment, PrintableIsOneBoundedEscapedLine) {
  const std::string printed = staging::printable(odd().value);
  EXPECT_EQ(printed, odd().printed);
  EXPECT_EQ(printed.find('\n'), std::string::npos);
  EXPECT_LE(printed.size(), 200 + std::string("... (1048583 bytes)").size());
  for (char c : printed) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "byte " << static_cast<int>(static_cast<unsigned char>(c));
  }
}

TEST_P(OddEnvironment, ViolationMessagesAreOneLineEach) {
  const staging::Violation violation{"ENVIRONMENT", std::string_view(odd().value), "staging"};
  const staging::Policy policy = seed.policy();
  std::ostringstream out;
  staging::write_test_violations(out, "t", {&violation, 1}, policy);
  EXPECT_EQ(out.str(), test_refusal("t"));
  std::ostringstream guard;
  staging::write_guard_violations(guard, "S.t", staging::GuardPhase::AfterTest, {&violation, 1},
                                  policy);
  EXPECT_EQ(guard.str(), "StagingTests: test 'S.t' changed the environment while it ran: "
                         "ENVIRONMENT is '" + odd().printed + "', required 'staging'\n");
}

// --- the check program's modes ----------------------------------------------

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome run(const staging::Policy& policy, const FakeEnvironment& environment,
            std::initializer_list<std::string> arguments, const FakeExec& exec = FakeExec{}) {
  Args args(arguments);
  std::ostringstream out;
  std::ostringstream err;
  const int code = staging::run_mode(policy, environment, args.argc(), args.argv(), out, err, exec);
  return {code, out.str(), err.str()};
}

using staging_test::kConfirmation;
using staging_test::kSeedBanner;

TEST_P(OddEnvironment, GuardMode) {
  const Outcome outcome = run(seed.policy(), FakeEnvironment{{"ENVIRONMENT", odd().value}},
                              {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.out, "");
  if (odd().staging || odd().names_none) {
    EXPECT_EQ(outcome.code, 0);
    EXPECT_EQ(outcome.err, kSeedBanner + kConfirmation);
  } else {
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(defused(outcome.err), defused(refusal()));
  }
}

TEST_P(OddEnvironment, GuardModeOverriddenUnderForceShowsTheValueEscaped) {
  seed.on_mismatch = staging::OnMismatch::Force;
  const Outcome outcome = run(seed.policy(), FakeEnvironment{{"ENVIRONMENT", odd().value}},
                              {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, 0);
  const std::string note =
      "Note: caller's ENVIRONMENT=" + odd().printed + " overridden (ON_MISMATCH FORCE)\n";
  const bool overridden = !odd().staging && !odd().names_none;
  EXPECT_EQ(outcome.err.find(note) != std::string::npos, overridden) << defused(outcome.err);
}

TEST_P(OddEnvironment, SessionModeByHand) {
  const Outcome outcome = run(seed.policy(), FakeEnvironment{{"ENVIRONMENT", odd().value}},
                              {"session"});
  if (odd().staging || odd().names_none) {
    EXPECT_EQ(outcome.code, 0) << defused(outcome.err);
    EXPECT_EQ(outcome.out, kSeedBanner + kConfirmation);
    EXPECT_EQ(outcome.err, "");
  } else {
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(defused(outcome.err), defused(refusal()));
  }
}

TEST_P(OddEnvironment, SessionModeUnderTheGuardJudgesTheCapturedValue) {
  FakeEnvironment environment = seed.staged();
  environment.set("STAGING_TESTS_GUARD", "1").set("STAGING_TESTS_CALLER_ENVIRONMENT", odd().value);
  const Outcome outcome = run(seed.policy(), environment, {"session"});
  if (odd().staging || odd().names_none) {
    EXPECT_EQ(outcome.code, 0) << defused(outcome.err);
    EXPECT_EQ(outcome.out, kSeedBanner + kConfirmation);
  } else {
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(defused(outcome.err), defused(refusal()));
  }
}

TEST_P(OddEnvironment, RunModeAppliesTheRulePerTest) {
  FakeEnvironment environment = seed.staged();
  environment.set("ENVIRONMENT", odd().value);
  const FakeExec exec;
  const Outcome outcome = run(seed.policy(), environment, {"run", "odd test", "--", "probe"}, exec);
  EXPECT_EQ(outcome.out, "");
  if (odd().staging) {
    EXPECT_EQ(outcome.code, 0);
    EXPECT_EQ(outcome.err, "");
    EXPECT_EQ(exec.calls, 1);
  } else {
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(defused(outcome.err), defused(test_refusal("odd test")));
    EXPECT_EQ(exec.calls, 0);
  }
}

// --- the GoogleTest guard ---------------------------------------------------

int guard_exit_code = -1;
void record_guard_exit(int code) { guard_exit_code = code; }

TEST_P(OddEnvironment, GoogleTestGuardAtStart) {
  guard_exit_code = -1;
  const staging::Policy policy = seed.policy();
  FakeEnvironment environment{{"ENVIRONMENT", odd().value}};
  std::ostringstream err;
  staging::GuardListener listener{policy, environment, err, &record_guard_exit};
  listener.start();
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  if (odd().staging || odd().names_none) {
    EXPECT_EQ(guard_exit_code, -1);
    EXPECT_EQ(err.str(), "");
    EXPECT_EQ(environment.get("ENVIRONMENT"), "staging") << "forced to the exact value";
  } else {
    EXPECT_EQ(guard_exit_code, 1);
    EXPECT_EQ(defused(err.str()), defused(refusal()));
    EXPECT_EQ(environment.get("ENVIRONMENT"), std::string_view(odd().value));
  }
}

TEST_P(OddEnvironment, GoogleTestGuardWhenATestSetsIt) {
  const staging::Policy policy = seed.policy();
  FakeEnvironment environment;
  std::ostringstream err;
  staging::GuardListener listener{policy, environment, err, &record_guard_exit};
  listener.start();
  const testing::TestInfo& test = *testing::UnitTest::GetInstance()->current_test_info();
  environment.set("ENVIRONMENT", odd().value);
  testing::TestPartResultArray failures;
  {
    testing::ScopedFakeTestPartResultReporter reporter(
        testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    listener.OnTestEnd(test);
  }
  EXPECT_EQ(environment.get("ENVIRONMENT"), odd().staging ? std::string_view(odd().value)
                                                          : std::string_view("staging"));
  if (odd().staging) {
    EXPECT_EQ(failures.size(), 0);
    EXPECT_FALSE(listener.violated());
    return;
  }
  ASSERT_EQ(failures.size(), 1);
  const std::string message = failures.GetTestPartResult(0).message();
  const std::string expected = "StagingTests: test '" + std::string(test.test_suite_name()) + "." +
                               test.name() + "' changed the environment while it ran: "
                               "ENVIRONMENT is '" + odd().printed + "', required 'staging'\n";
  EXPECT_NE(message.find(expected), std::string::npos) << defused(message);
  EXPECT_TRUE(listener.violated());
}

// --- other variables: byte for byte, and never misread ----------------------

TEST(OddVariables, OtherForcedVariablesCompareByteForByte) {
  const SeedPolicy seed;
  const std::string vault = "engram-staging-vault";
  for (const std::string& odd : {" " + vault, vault + "\n", std::string("ENGRAM-STAGING-VAULT"),
                                 std::string(), vault + "=", vault + "\xff", vault + "\0"s,
                                 std::string(kMebibyte, 'v')}) {
    FakeEnvironment environment = seed.staged();
    environment.set("AZURE_KEY_VAULT_NAME", odd);
    const std::vector<staging::Violation> violations =
        staging::check_forced_variables(seed.policy(), environment, staging::Absent::IsViolation);
    ASSERT_EQ(violations.size(), 1u) << staging::printable(odd);
    EXPECT_EQ(violations[0].name, "AZURE_KEY_VAULT_NAME");
    EXPECT_EQ(violations[0].found, std::string_view(odd));
    const FakeExec exec;
    const Outcome outcome = run(seed.policy(), environment, {"run", "t", "--", "x"}, exec);
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.err, "StagingTests: test 't' refused: AZURE_KEY_VAULT_NAME is '" +
                               staging::printable(odd) + "', required '" + vault + "'\n");
    EXPECT_EQ(exec.calls, 0);
  }
}

TEST(OddVariables, ANameIsNeverTrimmedOrCaseFolded) {
  const SeedPolicy seed;
  FakeEnvironment environment{{" ENVIRONMENT", "production"},
                              {"ENVIRONMENT ", "production"},
                              {"environment", "production"},
                              {"ENVIRONMENT=production", "production"}};
  EXPECT_EQ(staging::read_caller(environment).value, std::nullopt);
  EXPECT_EQ(staging::decide_caller(seed.policy(), staging::read_caller(environment).value),
            CallerDecision::Forced);
  EXPECT_EQ(run(seed.policy(), environment, {"guard", "--policy-id", "policy-1234"}).code, 0);
  EXPECT_EQ(run(seed.policy(), environment, {"session"}).code, 0);
  const FakeExec exec;
  const Outcome outcome = run(seed.policy(), environment, {"run", "t", "--", "x"}, exec);
  EXPECT_EQ(outcome.code, 1);
  EXPECT_EQ(outcome.err.find("StagingTests: test 't' refused: ENVIRONMENT is not set, "
                             "required 'staging'\n"),
            0u)
      << outcome.err;
}

SeedPolicy refusing_prod() {
  SeedPolicy seed;
  seed.refuse = {{"AZURE_AI_ENDPOINT", "prod"}, {"AZURE_AI_KEY", "prod"}};
  return seed;
}

TEST(OddVariables, RefusedWordsAreFoundAcrossOddSeparators) {
  const SeedPolicy seed = refusing_prod();
  struct Case {
    std::string value;
    bool refused;
  };
  const Case cases[] = {
      {"https://x/\nprod", true},
      {"PROD", true},
      {" prod ", true},
      {"\xffprod\xff", true},
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
    FakeEnvironment environment = seed.staged();
    environment.set("AZURE_AI_ENDPOINT", c.value);
    const std::vector<staging::Violation> violations =
        staging::check_environment(seed.policy(), environment, staging::Absent::IsViolation);
    ASSERT_EQ(violations.size(), c.refused ? 1u : 0u) << staging::printable(c.value);
    if (!c.refused) continue;
    EXPECT_EQ(violations[0].refused_word, "prod");
    const FakeExec exec;
    const Outcome outcome = run(seed.policy(), environment, {"run", "t", "--", "x"}, exec);
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.err, "StagingTests: test 't' refused: AZURE_AI_ENDPOINT is '" +
                               staging::printable(c.value) +
                               "': it contains the refused word 'prod' "
                               "(REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
    EXPECT_EQ(exec.calls, 0);
  }
}

TEST(OddVariables, ARefusedMebibyteValueIsCutInTheMessage) {
  const SeedPolicy seed = refusing_prod();
  FakeEnvironment environment = seed.staged();
  environment.set("AZURE_AI_ENDPOINT", std::string(kMebibyte - 5, 'x') + "-prod");
  const Outcome outcome = run(seed.policy(), environment, {"session"});
  EXPECT_EQ(outcome.code, 1);
  const std::string first_line = outcome.err.substr(0, outcome.err.find('\n') + 1);
  EXPECT_EQ(first_line, "StagingTests: session refused: AZURE_AI_ENDPOINT is '" +
                            std::string(200, 'x') +
                            "... (1048576 bytes)': it contains the refused word 'prod' "
                            "(REFUSE AZURE_AI_ENDPOINT MATCHES prod)\n");
  EXPECT_LT(outcome.err.size(), 2000u);
}

TEST(OddVariables, OddSecretValuesAreNeverShown) {
  const SeedPolicy seed = refusing_prod();
  const std::string secrets[] = {
      "s3cr3t-prod\nline2",
      "\xff\xfe-prod-s3cr3t",
      "s3cr3t=prod",
      std::string(kMebibyte, 'k') + " prod",
      " prod\t",
  };
  for (const std::string& secret : secrets) {
    FakeEnvironment environment = seed.staged();
    environment.set("AZURE_AI_KEY", secret).set("STAGING_TESTS_GUARD", "1");
    const FakeExec exec;
    for (const auto& arguments :
         {std::initializer_list<std::string>{"guard", "--policy-id", "policy-1234"},
          std::initializer_list<std::string>{"session"},
          std::initializer_list<std::string>{"run", "t", "--", "x"}}) {
      const Outcome outcome = run(seed.policy(), environment, arguments, exec);
      const std::string text = outcome.out + outcome.err;
      EXPECT_EQ(outcome.code, 1) << *arguments.begin();
      EXPECT_NE(text.find("AZURE_AI_KEY is set (redacted): it contains the refused word 'prod'"),
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

TEST(OddVariables, NoOddValueSpellsTheSkipMarker) {
  const SeedPolicy seed = refusing_prod();
  for (const std::string& hostile :
       {kSkipMarker, "\n" + kSkipMarker + "\n", "prod " + kSkipMarker, "\xff" + kSkipMarker}) {
    FakeEnvironment environment = seed.staged();
    environment.set("ENVIRONMENT", hostile).set("AZURE_AI_ENDPOINT", hostile);
    for (const auto& arguments :
         {std::initializer_list<std::string>{"guard", "--policy-id", "policy-1234"},
          std::initializer_list<std::string>{"session"},
          std::initializer_list<std::string>{"run", hostile, "--", "x"}}) {
      const Outcome outcome = run(seed.policy(), environment, arguments);
      const std::string text = outcome.out + outcome.err;
      EXPECT_EQ(outcome.code, 1);
      EXPECT_EQ(text.find(kSkipMarker), std::string::npos) << defused(text);
      EXPECT_NE(text.find("SKIPPED"), std::string::npos) << "the value was shown";
    }
  }
}

}  // namespace
