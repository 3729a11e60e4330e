// rules.hpp: the one rule for ENVIRONMENT, the one-pass Scan, and the checks
// built on them.
#include "staging/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fakes.hpp"

namespace {

using staging::Absent;
using staging::CallerDecision;
using staging::PolicyRule;
using staging::Violation;
using staging_test::FakeEnvironment;
using staging_test::TestPolicy;

const std::string kMebibyte(1u << 20, 'a');

std::vector<Violation> check(const staging::Policy& policy, const staging::Environment& environment,
                             Absent absent = Absent::IsViolation) {
  staging::Scan scan(staging::checked_variable_names(policy));
  scan.run(environment);
  return staging::check_environment(policy, scan, absent);
}

std::vector<Violation> caller_values(const staging::Policy& policy,
                                     const staging::Environment& environment) {
  staging::Scan scan(staging::checked_variable_names(policy));
  scan.run(environment);
  return staging::check_caller_values(policy, scan);
}

// --- same_environment -------------------------------------------------------

TEST(SameEnvironment, IgnoresAsciiCase) {
  EXPECT_TRUE(staging::same_environment("staging", "staging"));
  EXPECT_TRUE(staging::same_environment("STAGING", "staging"));
  EXPECT_TRUE(staging::same_environment("StAgInG", "staging"));
  EXPECT_TRUE(staging::same_environment("staging", "STAGING"));
}

TEST(SameEnvironment, TrimsAsciiWhitespaceAround) {
  EXPECT_TRUE(staging::same_environment(" staging ", "staging"));
  EXPECT_TRUE(staging::same_environment("\t\r\n\v\fStaging\n", "staging"));
  EXPECT_FALSE(staging::same_environment("stag ing", "staging"));
  EXPECT_FALSE(staging::same_environment("\xc2\xa0staging", "staging")) << "no-break space";
  EXPECT_FALSE(staging::same_environment("\x1cstaging", "staging")) << "not C's isspace()";
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
  EXPECT_FALSE(staging::same_environment("STAG\xc4\xb0NG", "staging")) << "only ASCII folds";
  EXPECT_FALSE(staging::same_environment(std::string("staging\0", 8), "staging"));
  EXPECT_FALSE(staging::same_environment(kMebibyte, "staging"));
}

TEST(SameEnvironment, HugeWhitespacePaddingStillTrims) {
  const std::string padded = std::string(1u << 20, ' ') + "staging" + std::string(1u << 20, '\n');
  EXPECT_TRUE(staging::same_environment(padded, "staging"));
}

TEST(TrimAndCase, Helpers) {
  EXPECT_EQ(staging::trim_ascii_whitespace(" \t a b \n"), "a b");
  EXPECT_EQ(staging::trim_ascii_whitespace(" \v\f "), "");
  EXPECT_TRUE(staging::equals_ignoring_ascii_case("AbC", "aBc"));
  EXPECT_FALSE(staging::equals_ignoring_ascii_case("abc", "abcd"));
  EXPECT_FALSE(staging::equals_ignoring_ascii_case("\xc4", "\xe4"));
}

// --- Scan -------------------------------------------------------------------

TEST(Scan, FindsTheFirstEntryAndMarksDuplicates) {
  staging::Scan scan({"ENVIRONMENT", "AZURE_AI_ENDPOINT"});
  FakeEnvironment environment;
  environment.append("PATH=/bin")
      .append("ENVIRONMENT=staging")
      .append("ENVIRONMENT=uat")
      .append("ENVIRONMENT=production");
  scan.run(environment);
  const staging::Found& found = scan.get("ENVIRONMENT");
  EXPECT_EQ(found.value, std::optional<std::string_view>("staging"));
  EXPECT_TRUE(found.duplicated);
  EXPECT_EQ(found.last, "production");
  const staging::Found& absent = scan.get("AZURE_AI_ENDPOINT");
  EXPECT_EQ(absent.value, std::nullopt);
  EXPECT_FALSE(absent.duplicated);
}

TEST(Scan, AnEmptyValueIsSetAndAnEntryWithoutEqualsIsNot) {
  staging::Scan scan({"ENVIRONMENT", "OTHER"});
  FakeEnvironment environment;
  environment.append("ENVIRONMENT").append("OTHER=").append("OTHER");
  scan.run(environment);
  EXPECT_EQ(scan.get("ENVIRONMENT").value, std::nullopt);
  EXPECT_EQ(scan.get("OTHER").value, std::optional<std::string_view>(""));
  EXPECT_FALSE(scan.get("OTHER").duplicated);
}

TEST(Scan, NamesThatArePrefixesOfEachOther) {
  staging::Scan scan({"AZURE_KEY", "AZURE_KEY_VAULT_NAME", "A"});
  FakeEnvironment environment;
  environment.append("AZURE_KEY_VAULT_NAME=vault").append("A=1").append("AZURE_KEY=k")
      .append("AZURE_KEY_VAULT_NAMEX=no").append("AB=no");
  scan.run(environment);
  EXPECT_EQ(scan.get("AZURE_KEY").value, std::optional<std::string_view>("k"));
  EXPECT_EQ(scan.get("AZURE_KEY_VAULT_NAME").value, std::optional<std::string_view>("vault"));
  EXPECT_EQ(scan.get("A").value, std::optional<std::string_view>("1"));
  for (std::string_view name : scan.names()) EXPECT_FALSE(scan.get(name).duplicated) << name;
}

TEST(Scan, EachRunStartsAfresh) {
  staging::Scan scan({"ENVIRONMENT"});
  FakeEnvironment environment{{"ENVIRONMENT", "staging"}};
  environment.append("ENVIRONMENT", "prod");
  scan.run(environment);
  ASSERT_TRUE(scan.get("ENVIRONMENT").duplicated);
  environment.unset("ENVIRONMENT");
  scan.run(environment);
  EXPECT_EQ(scan.get("ENVIRONMENT").value, std::nullopt);
  EXPECT_FALSE(scan.get("ENVIRONMENT").duplicated);
  EXPECT_EQ(scan.get("ENVIRONMENT").last, "");
}

TEST(Scan, SeesAnInPlaceEdit) {
  staging::Scan scan({"ENVIRONMENT"});
  FakeEnvironment environment{{"ENVIRONMENT", "staging"}};
  scan.run(environment);
  EXPECT_EQ(scan.get("ENVIRONMENT").value, std::optional<std::string_view>("staging"));
  char* bytes = environment.value_bytes("ENVIRONMENT");
  ASSERT_NE(bytes, nullptr);
  bytes[0] = 'p';
  bytes[1] = 'r';
  bytes[2] = 'o';
  bytes[3] = 'd';
  bytes[4] = '\0';
  scan.run(environment);
  EXPECT_EQ(scan.get("ENVIRONMENT").value, std::optional<std::string_view>("prod"));
}

TEST(Scan, AnUnknownNameIsNeverFound) {
  staging::Scan scan({"ENVIRONMENT"});
  const FakeEnvironment environment{{"OTHER", "x"}};
  scan.run(environment);
  EXPECT_EQ(scan.get("OTHER").value, std::nullopt);
  EXPECT_EQ(scan.names(), std::vector<std::string_view>{"ENVIRONMENT"});
}

TEST(Scan, OddFirstBytesAndEmptyEntries) {
  staging::Scan scan({"\xff" "NAME", "ENVIRONMENT", ""});
  FakeEnvironment environment;
  environment.append("").append("\xff" "NAME=high").append("\x01X=1").append("=empty name");
  scan.run(environment);
  EXPECT_EQ(scan.get("\xff" "NAME").value, std::optional<std::string_view>("high"));
  EXPECT_EQ(scan.get("ENVIRONMENT").value, std::nullopt);
}

// --- checked_variable_names, satisfies -------------------------------------

// The variables every kind watches when no target gives them.
const std::vector<std::string_view> kOtherKinds{
    "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE", "GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT",
    "GCLOUD_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS", "KUBECONFIG", "DATABASE_URL"};

std::vector<std::string_view> then_other_kinds(std::vector<std::string_view> names) {
  names.insert(names.end(), kOtherKinds.begin(), kOtherKinds.end());
  return names;
}

TEST(CheckedVariableNames, ForcedThenRefusedThenTargetsThenWatchedEachOnce) {
  TestPolicy sample = TestPolicy::sample();
  EXPECT_EQ(staging::checked_variable_names(sample.policy()),
            then_other_kinds({"ENVIRONMENT", "AZURE_KEY_VAULT_NAME", "AZURE_KEYVAULT_URL",
                              "MEMORY_SERVICE_QUERY", "AZURE_AI_ENDPOINT"}));
  sample.without_vault();
  // No vault in the policy: the inherited vault variables are watched.
  EXPECT_EQ(staging::checked_variable_names(sample.policy()),
            (std::vector<std::string_view>{"ENVIRONMENT", "AZURE_AI_ENDPOINT",
                                           "AZURE_KEY_VAULT_NAME", "AZURE_KEYVAULT_URL",
                                           "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                                           "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE",
                                           "AWS_SHARED_CREDENTIALS_FILE", "GOOGLE_CLOUD_PROJECT",
                                           "CLOUDSDK_CORE_PROJECT", "GCLOUD_PROJECT",
                                           "GOOGLE_APPLICATION_CREDENTIALS", "KUBECONFIG",
                                           "DATABASE_URL"}));
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

// --- the caller ---------------------------------------------------------------

TEST(DecideCaller, NoValueIsForced) {
  const TestPolicy test_policy;
  const staging::Policy policy = test_policy.policy();
  EXPECT_EQ(staging::decide_caller(policy, std::nullopt), CallerDecision::Forced);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("")), CallerDecision::Forced);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view(" \t\n")), CallerDecision::Forced);
}

TEST(DecideCaller, AllowedNamesByTheRule) {
  TestPolicy test_policy;
  test_policy.allowed = {"staging", "stage"};
  const staging::Policy policy = test_policy.policy();
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("staging")), CallerDecision::Allowed);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view(" STAGING\n")), CallerDecision::Allowed);
  EXPECT_EQ(staging::decide_caller(policy, std::string_view("Stage")), CallerDecision::Allowed);
}

TEST(DecideCaller, AnythingElseIsRefusedUnderFailAndOverriddenUnderForce) {
  TestPolicy test_policy;
  for (std::string_view value : {std::string_view("production"), std::string_view("staging\nprod"),
                                 std::string_view(kMebibyte)}) {
    test_policy.on_mismatch = staging::OnMismatch::Fail;
    EXPECT_EQ(staging::decide_caller(test_policy.policy(), value), CallerDecision::Refused);
    test_policy.on_mismatch = staging::OnMismatch::Force;
    EXPECT_EQ(staging::decide_caller(test_policy.policy(), value), CallerDecision::Overridden);
  }
  EXPECT_EQ(staging::decide_caller(test_policy.policy(), std::string_view("staging")),
            CallerDecision::Allowed);
}

TEST(ReadCaller, ByHandItIsTheFirstEnvironmentEntry) {
  FakeEnvironment environment{{"ENVIRONMENT", "production"},
                              {"STAGING_TESTS_CALLER_ENVIRONMENT", "ignored"}};
  environment.append("ENVIRONMENT", "staging");
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
  const FakeEnvironment none{{"ENVIRONMENT", "staging"}, {"STAGING_TESTS_GUARD", ""}};
  EXPECT_TRUE(staging::read_caller(none).guarded);
  EXPECT_EQ(staging::read_caller(none).value, std::nullopt);
}

// --- check_environment --------------------------------------------------------

TEST(CheckEnvironment, NothingWhenAllMatchAndNothingAllocated) {
  const TestPolicy test_policy;
  const std::vector<Violation> violations = check(test_policy.policy(), test_policy.staged());
  EXPECT_TRUE(violations.empty());
  EXPECT_EQ(violations.capacity(), 0u);
}

TEST(CheckEnvironment, EnvironmentUsesTheRule) {
  const TestPolicy test_policy;
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", " STAGING\n");
  EXPECT_TRUE(check(test_policy.policy(), environment).empty());
}

TEST(CheckEnvironment, ReportsEveryMismatchInPolicyOrder) {
  const TestPolicy test_policy;
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "production").unset("AZURE_KEYVAULT_URL");
  environment.set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  const std::vector<Violation> violations = check(test_policy.policy(), environment);
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].name, "ENVIRONMENT");
  EXPECT_EQ(violations[0].found, std::optional<std::string_view>("production"));
  EXPECT_EQ(violations[0].required, "staging");
  EXPECT_FALSE(violations[0].duplicated);
  EXPECT_EQ(violations[1].name, "AZURE_KEY_VAULT_NAME");
  EXPECT_EQ(violations[1].found, std::optional<std::string_view>("engram-prod-vault"));
  EXPECT_EQ(violations[2].name, "AZURE_KEYVAULT_URL");
  EXPECT_EQ(violations[2].found, std::nullopt);
  EXPECT_EQ(violations[2].required, "https://engram-staging-vault.vault.azure.net/");
}

TEST(CheckEnvironment, AbsentAllowedOnlyChecksPresentOnes) {
  const TestPolicy test_policy;
  FakeEnvironment environment;
  EXPECT_TRUE(check(test_policy.policy(), environment, Absent::IsAllowed).empty());
  EXPECT_EQ(check(test_policy.policy(), environment, Absent::IsViolation).size(), 3u);
  environment.set("AZURE_KEYVAULT_URL", "");
  const std::vector<Violation> violations =
      check(test_policy.policy(), environment, Absent::IsAllowed);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].name, "AZURE_KEYVAULT_URL");
  EXPECT_EQ(violations[0].found, std::optional<std::string_view>(""));
}

// getenv reads the first entry, a shell the last: two entries are a
// violation even when both hold the required value.
TEST(CheckEnvironment, ADuplicatedForcedVariableIsAViolationWhateverItsValues) {
  const TestPolicy test_policy;
  for (const std::string last : {"staging", "production"}) {
    for (Absent absent : {Absent::IsViolation, Absent::IsAllowed}) {
      FakeEnvironment environment = test_policy.staged();
      environment.append("ENVIRONMENT", last);
      const std::vector<Violation> violations = check(test_policy.policy(), environment, absent);
      ASSERT_EQ(violations.size(), 1u) << last;
      EXPECT_EQ(violations[0].name, "ENVIRONMENT");
      EXPECT_TRUE(violations[0].duplicated);
      EXPECT_EQ(violations[0].found, std::optional<std::string_view>("staging"));
      EXPECT_EQ(violations[0].last, last);
      EXPECT_EQ(violations[0].required, "staging");
    }
  }
}

TEST(CheckEnvironment, ADuplicatedRefusedVariableIsAViolationToo) {
  const TestPolicy sample = TestPolicy::sample();
  FakeEnvironment environment = sample.staged();
  environment.append("AZURE_AI_ENDPOINT", "https://engram-staging-ai.example/")
      .append("AZURE_AI_ENDPOINT", "https://engram-prod-ai.example/");
  const std::vector<Violation> violations = check(sample.policy(), environment);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].name, "AZURE_AI_ENDPOINT");
  EXPECT_TRUE(violations[0].duplicated);
  EXPECT_EQ(violations[0].last, "https://engram-prod-ai.example/");
}

TEST(CheckEnvironment, WithoutAVaultADuplicatedVaultVariableIsAViolation) {
  TestPolicy test_policy;
  test_policy.without_vault();
  FakeEnvironment environment = test_policy.staged();
  environment.append("AZURE_KEY_VAULT_NAME", "engram-staging-vault")
      .append("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  const std::vector<Violation> violations = check(test_policy.policy(), environment);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].name, "AZURE_KEY_VAULT_NAME");
  EXPECT_TRUE(violations[0].duplicated);
}

TEST(CheckEnvironment, AnUnwatchedDuplicateIsNoneOfItsBusiness) {
  const TestPolicy test_policy;
  FakeEnvironment environment = test_policy.staged();
  environment.append("PATH", "/bin").append("PATH", "/usr/bin");
  EXPECT_TRUE(check(test_policy.policy(), environment).empty());
}

// --- check_caller_values ---------------------------------------------------------

TEST(CheckCallerValues, NothingForAPlainCaller) {
  const TestPolicy sample = TestPolicy::sample();
  EXPECT_TRUE(caller_values(sample.policy(), FakeEnvironment{}).empty());
  const FakeEnvironment environment{{"ENVIRONMENT", "staging"},
                                    {"AZURE_AI_ENDPOINT", "https://engram-staging-ai.example/"},
                                    {"AZURE_KEY_VAULT_NAME", "Engram-Staging-Vault"},
                                    {"AZURE_KEYVAULT_URL",
                                     "HTTPS://engram-staging-vault.VAULT.azure.net/"}};
  EXPECT_TRUE(caller_values(sample.policy(), environment).empty()) << "DNS names ignore case";
}

TEST(CheckCallerValues, AnyDuplicatedCheckedNameUnderFail) {
  const TestPolicy sample = TestPolicy::sample();
  FakeEnvironment environment;
  environment.append("ENVIRONMENT", "staging").append("ENVIRONMENT", "staging")
      .append("AZURE_AI_ENDPOINT", "a").append("AZURE_AI_ENDPOINT", "b")
      .append("PATH", "x").append("PATH", "y");
  const std::vector<Violation> violations = caller_values(sample.policy(), environment);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].name, "ENVIRONMENT");
  EXPECT_TRUE(violations[0].duplicated);
  EXPECT_EQ(violations[0].required, "staging");
  EXPECT_EQ(violations[1].name, "AZURE_AI_ENDPOINT");
  EXPECT_TRUE(violations[1].duplicated);
  EXPECT_EQ(violations[1].found, std::optional<std::string_view>("a"));
  EXPECT_EQ(violations[1].last, "b");
}

TEST(CheckCallerValues, UnderForceADuplicatedForcedVariableIsReplacedNotRefused) {
  TestPolicy sample = TestPolicy::sample();
  sample.on_mismatch = staging::OnMismatch::Force;
  FakeEnvironment environment;
  environment.append("ENVIRONMENT", "prod").append("ENVIRONMENT", "uat")
      .append("AZURE_AI_ENDPOINT", "a").append("AZURE_AI_ENDPOINT", "b");
  const std::vector<Violation> violations = caller_values(sample.policy(), environment);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].name, "AZURE_AI_ENDPOINT") << "pass-through values are never replaced";
}

TEST(CheckCallerValues, AnotherVaultIsRefusedUnlessForced) {
  TestPolicy test_policy;
  for (const auto& [name, value] : std::initializer_list<std::pair<std::string, std::string>>{
           {"AZURE_KEY_VAULT_NAME", "engram-prod-vault"},
           {"AZURE_KEYVAULT_URL", "https://engram-prod-vault.vault.azure.net/"},
           {"AZURE_KEYVAULT_URL", "https://engram-staging-vault.example.com/"}}) {
    const FakeEnvironment environment{{name, value}};
    test_policy.on_mismatch = staging::OnMismatch::Fail;
    const std::vector<Violation> violations = caller_values(test_policy.policy(), environment);
    ASSERT_EQ(violations.size(), 1u) << value;
    EXPECT_EQ(violations[0].name, name);
    EXPECT_EQ(violations[0].found, std::optional<std::string_view>(value));
    EXPECT_FALSE(violations[0].duplicated);
    test_policy.on_mismatch = staging::OnMismatch::Force;
    EXPECT_TRUE(caller_values(test_policy.policy(), environment).empty()) << value;
  }
  test_policy.on_mismatch = staging::OnMismatch::Fail;
  EXPECT_TRUE(caller_values(test_policy.policy(), FakeEnvironment{{"AZURE_KEY_VAULT_NAME", " "}})
                  .empty())
      << "an empty vault is no vault";
}

TEST(CheckCallerValues, WithoutAVaultOnlyAnotherEnvironmentsVault) {
  TestPolicy test_policy;
  test_policy.without_vault();
  test_policy.on_mismatch = staging::OnMismatch::Force;
  EXPECT_TRUE(caller_values(test_policy.policy(),
                            FakeEnvironment{{"AZURE_KEY_VAULT_NAME", "team-vault"}})
                  .empty());
  const std::vector<Violation> violations = caller_values(
      test_policy.policy(),
      FakeEnvironment{{"AZURE_KEYVAULT_URL", "https://team-dev-vault.vault.azure.net/"}});
  ASSERT_EQ(violations.size(), 1u) << "even under FORCE";
  EXPECT_EQ(violations[0].refused_word, "dev");
}

TEST(CheckCallerValues, RefuseRules) {
  const TestPolicy sample = TestPolicy::sample();
  const std::vector<Violation> violations = caller_values(
      sample.policy(), FakeEnvironment{{"AZURE_AI_ENDPOINT", "https://uat.prod.example/"}});
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].refused_word, "prod");
  EXPECT_EQ(violations[1].refused_word, "uat");
}

// --- secrets, environment words, the policy --------------------------------------

TEST(IsSecretName, Shapes) {
  const TestPolicy test_policy;
  const staging::Policy policy = test_policy.policy();
  for (const char* name : {"AZURE_AI_KEY", "api_key", "DB_SECRET", "GITHUB_TOKEN", "gh_Token",
                           "PASSWORD", "DB_PASSWORD_FILE", "mypassword"}) {
    EXPECT_TRUE(staging::is_secret_name(name, policy)) << name;
  }
  for (const char* name : {"AZURE_AI_ENDPOINT", "AZURE_KEYVAULT_URL", "AZURE_KEY_VAULT_NAME", "KEY",
                           "KEYS", "_KEYS", "TOKENIZER_PATH", "SECRETARY", "ENVIRONMENT", "PASSWD",
                           ""}) {
    EXPECT_FALSE(staging::is_secret_name(name, policy)) << name;
  }
}

TEST(IsSecretName, DeclaredByThePolicy) {
  TestPolicy test_policy;
  test_policy.secrets = {"SESSION_COOKIE"};
  EXPECT_TRUE(staging::is_secret_name("SESSION_COOKIE", test_policy.policy()));
  EXPECT_TRUE(staging::is_secret_name("session_cookie", test_policy.policy()));
  EXPECT_FALSE(staging::is_secret_name("SESSION", test_policy.policy()));
}

TEST(IsSecretName, ThePolicysRuleDataDecides) {
  TestPolicy test_policy;
  staging::Policy policy = test_policy.policy();
  policy.secret_suffixes = {};
  policy.secret_infixes = {};
  EXPECT_FALSE(staging::is_secret_name("AZURE_AI_KEY", policy));
}

TEST(EnvironmentWordIn, TheFirstWordOfTheList) {
  const TestPolicy test_policy;
  const staging::Policy policy = test_policy.policy();
  const staging::EnvironmentWord* word = staging::environment_word_in("engram-Production-x", policy);
  ASSERT_NE(word, nullptr);
  EXPECT_EQ(word->word, "production");
  EXPECT_EQ(word->row, "prod");
  word = staging::environment_word_in("my-sandbox", policy);
  ASSERT_NE(word, nullptr);
  EXPECT_EQ(word->row, "dev");
  EXPECT_EQ(staging::environment_word_in("engram-staging-vault", policy), nullptr);
  EXPECT_EQ(staging::environment_word_in("productive", policy), nullptr);
  EXPECT_EQ(staging::environment_word_in("", policy), nullptr);
}

std::vector<PolicyRule> rules_of(const TestPolicy& test_policy) {
  std::vector<PolicyRule> rules;
  for (const staging::PolicyProblem& problem : staging::check_policy(test_policy.policy())) {
    rules.push_back(problem.rule);
  }
  return rules;
}

TEST(CheckPolicy, TheTestPoliciesAreConsistent) {
  EXPECT_TRUE(staging::check_policy(TestPolicy{}.policy()).empty());
  EXPECT_TRUE(staging::check_policy(TestPolicy::sample().policy()).empty());
  TestPolicy test_policy;
  test_policy.without_vault();
  EXPECT_TRUE(staging::check_policy(test_policy.policy()).empty());
}

// The vault is a target like any other (policy.hpp): its name a NAME, its
// URL a URL, judged by their roles.
void set_vault(TestPolicy& test_policy, std::string_view name, std::string_view url) {
  test_policy.target_variables[0].value = test_policy.forced[1].value = name;
  test_policy.target_variables[1].value = test_policy.forced[2].value = url;
}

TEST(CheckPolicy, AForcedUrlIsJudgedByItsHost) {
  TestPolicy test_policy;
  set_vault(test_policy, "engram-staging-vault", "https://engram-prod-vault.vault.azure.net/");
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(test_policy.policy());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].variable, "AZURE_KEYVAULT_URL");
  EXPECT_EQ(problems[0].rule, PolicyRule::TargetRefusedWord);
  EXPECT_EQ(problems[0].detail, "prod");
  set_vault(test_policy, "engram-staging-vault", "https://engram-staging-vault.vault.azure.net/prod");
  EXPECT_TRUE(rules_of(test_policy).empty()) << "the path is not the host";
  for (std::string_view url : {"engram-staging-vault.vault.azure.net",
                               "https://user:secret@engram-staging-vault.vault.azure.net/",
                               "https://engram staging/"}) {
    set_vault(test_policy, "engram-staging-vault", url);
    EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetUrlInvalid}) << url;
  }
}

TEST(CheckPolicy, ANameMustHoldTheEnvironmentAsAWord) {
  TestPolicy test_policy;
  set_vault(test_policy, "engram.staging_vault", "https://engram.staging_vault.vault.azure.net/");
  EXPECT_TRUE(rules_of(test_policy).empty());
  set_vault(test_policy, "staging", "https://staging.vault.azure.net/");
  EXPECT_TRUE(rules_of(test_policy).empty());
  set_vault(test_policy, "engram-stagingvault", "https://engram-stagingvault.vault.azure.net/");
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetNameMissingEnvironment});
  set_vault(test_policy, "engram-vault", "https://engram-vault.vault.azure.net/");
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetNameMissingEnvironment});
}

TEST(CheckPolicy, ATargetValueMustNotNameAnotherEnvironment) {
  TestPolicy test_policy;
  set_vault(test_policy, "engram-prod-staging-vault", "https://engram-staging-vault.vault.azure.net/");
  const std::vector<staging::PolicyProblem> problems = staging::check_policy(test_policy.policy());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].variable, "AZURE_KEY_VAULT_NAME");
  EXPECT_EQ(problems[0].rule, PolicyRule::TargetRefusedWord);
  EXPECT_EQ(problems[0].detail, "prod");

  const staging::Policy policy = test_policy.policy();
  ASSERT_FALSE(policy.environment_words.empty());
  for (const staging::EnvironmentWord& word : policy.environment_words) {
    const std::string name = "staging-" + std::string(word.word);
    const std::string url = "https://" + name + ".vault.azure.net/";
    set_vault(test_policy, name, url);
    EXPECT_EQ(rules_of(test_policy), (std::vector<PolicyRule>{PolicyRule::TargetRefusedWord,
                                                              PolicyRule::TargetRefusedWord}))
        << word.word;
  }
  set_vault(test_policy, "product-staging", "https://product-staging.vault.azure.net/");
  EXPECT_TRUE(rules_of(test_policy).empty()) << "whole words: product is not prod";

  // Every role but SECRET is judged; ID and VALUE need no word of their own.
  test_policy = TestPolicy{};
  test_policy.add_target({"aws", "aws"},
                         {{"aws", "AWS_PROFILE", staging::TargetRole::Name, true, "app-staging"},
                          {"aws", "AWS_REGION", staging::TargetRole::Value, true, "eu-west-1"},
                          {"aws", "AWS_ACCOUNT_ID", staging::TargetRole::Id, true, "123456789012"},
                          {"aws", "AWS_CONFIG_FILE", staging::TargetRole::Path, true,
                           "/etc/aws/staging.config"}});
  EXPECT_TRUE(rules_of(test_policy).empty());
  test_policy.target_variables[5].value = test_policy.forced[6].value = "/etc/aws/prod.config";
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetRefusedWord});
}

TEST(CheckPolicy, AnEnforcedEnvironmentWordIsItsOwnEnvironment) {
  TestPolicy test_policy;
  test_policy.enforced = test_policy.allowed[0] = test_policy.forced[0].value = "test";
  set_vault(test_policy, "team-test-vault", "https://team-test-vault.vault.azure.net/");
  EXPECT_TRUE(rules_of(test_policy).empty());
}

TEST(CheckPolicy, TargetVariablesMustBeForcedOrPassedThroughAsDeclared) {
  TestPolicy test_policy;
  test_policy.forced[1].value = "engram-other-staging-vault";
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetNotForced});
  test_policy = TestPolicy{};
  test_policy.forced.pop_back();
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetNotForced});

  test_policy = TestPolicy{};
  test_policy.add_target({"db", "url"}, {{"db", "DATABASE_URL", staging::TargetRole::Url, false, {}},
                                         {"db", "DB_TOKEN", staging::TargetRole::Secret, false, {}}});
  EXPECT_TRUE(rules_of(test_policy).empty());
  test_policy.pass_through.pop_back();
  test_policy.pass_through.pop_back();
  EXPECT_EQ(rules_of(test_policy),
            (std::vector<PolicyRule>{PolicyRule::TargetNotForced, PolicyRule::TargetNotForced}));

  // A NAME cannot be passed through, a SECRET cannot be forced.
  test_policy = TestPolicy{};
  test_policy.add_target({"x", "custom"}, {{"x", "X_NAME", staging::TargetRole::Name, false, {}}});
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetNotForced});
  test_policy = TestPolicy{};
  test_policy.add_target({"x", "custom"}, {{"x", "X_TOKEN", staging::TargetRole::Secret, true, "v"}});
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetNotForced});
}

TEST(CheckPolicy, AFieldNamesAPathOfItsTarget) {
  TestPolicy test_policy;
  test_policy.add_target({"kube", "kubernetes"},
                         {{"kube", "KUBECONFIG", staging::TargetRole::Path, true, "/k/staging"}});
  test_policy.target_fields = {{"kube", "KUBECONFIG", "current-context", "app-staging"}};
  EXPECT_TRUE(rules_of(test_policy).empty());
  test_policy.target_fields = {{"kube", "AZURE_KEY_VAULT_NAME", "current-context", "app-staging"}};
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::TargetFieldInvalid});
}

TEST(CheckPolicy, EnvironmentMustBeForcedFirstAndAllowed) {
  TestPolicy test_policy;
  std::swap(test_policy.forced[0], test_policy.forced[1]);
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::ForcedEnvironmentMissing});
  test_policy = TestPolicy{};
  test_policy.forced[0].value = "production";
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::ForcedEnvironmentMissing});
  test_policy = TestPolicy{};
  test_policy.allowed = {"stage"};
  EXPECT_EQ(rules_of(test_policy), std::vector<PolicyRule>{PolicyRule::EnforcedNotAllowed});
  test_policy = TestPolicy{};
  test_policy.without_vault();
  test_policy.enforced = test_policy.forced[0].value = test_policy.allowed[0] = " ";
  EXPECT_EQ(rules_of(test_policy), (std::vector<PolicyRule>{PolicyRule::ForcedEnvironmentMissing,
                                                            PolicyRule::EnforcedNotAllowed}));
}

}  // namespace
