// The targets of a policy (policy.hpp: Target, TargetVariable, TargetField)
// as rules.cpp judges them and messages.cpp shows them: every kind is an
// instance of one form, so these tests build each kind by hand exactly as
// cmake/StagingTestsTargets.cmake expands it.
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "fakes.hpp"
#include "staging/messages.hpp"
#include "staging/rules.hpp"

namespace {

using staging::Found;
using staging::Scan;
using staging::TargetProblem;
using staging::TargetRole;
using staging::Violation;
using staging_test::FakeEnvironment;
using staging_test::TestPolicy;

constexpr std::string_view kCanary = "CANARY-4711-hunter2";

// The staging policy with a target of every kind, as the configure expands
// AWS, GOOGLE_CLOUD, KUBERNETES, SERVICE_URLS and TARGET.
TestPolicy every_kind() {
  TestPolicy test_policy;
  test_policy.add_target({"aws", "aws"},
                         {{"aws", "AWS_PROFILE", TargetRole::Name, true, "engram-staging"},
                          {"aws", "AWS_REGION", TargetRole::Value, true, "eu-west-1"},
                          {"aws", "AWS_DEFAULT_REGION", TargetRole::Value, true, "eu-west-1"},
                          {"aws", "AWS_ACCOUNT_ID", TargetRole::Id, true, "123456789012"},
                          {"aws", "AWS_ACCESS_KEY_ID", TargetRole::Secret, false, {}},
                          {"aws", "AWS_SECRET_ACCESS_KEY", TargetRole::Secret, false, {}},
                          {"aws", "AWS_SESSION_TOKEN", TargetRole::Secret, false, {}}});
  test_policy.add_target(
      {"google-cloud", "google-cloud"},
      {{"google-cloud", "GOOGLE_CLOUD_PROJECT", TargetRole::Name, true, "engram-staging"},
       {"google-cloud", "CLOUDSDK_CORE_PROJECT", TargetRole::Name, true, "engram-staging"},
       {"google-cloud", "GOOGLE_APPLICATION_CREDENTIALS", TargetRole::Path, false, {}}});
  test_policy.add_target({"kubernetes", "kubernetes"},
                         {{"kubernetes", "KUBECONFIG", TargetRole::Path, true,
                           "/etc/engram/staging.kubeconfig"}});
  test_policy.add_target({"DATABASE_URL", "url"},
                         {{"DATABASE_URL", "DATABASE_URL", TargetRole::Url, false, {}}});
  test_policy.add_target({"SEARCH_URL", "url"},
                         {{"SEARCH_URL", "SEARCH_URL", TargetRole::Url, true,
                           "https://search.staging.example.com/v1"}});
  test_policy.target_fields = {
      {"google-cloud", "GOOGLE_APPLICATION_CREDENTIALS", "project_id", {}},
      {"kubernetes", "KUBECONFIG", "current-context", "engram-staging"}};
  return test_policy;
}

std::vector<Violation> caller_violations(const staging::Policy& policy,
                                         const FakeEnvironment& environment) {
  Scan scan(staging::checked_variable_names(policy));
  scan.run(environment);
  return staging::check_caller_values(policy, scan);
}

std::vector<std::string_view> names_of(const std::vector<Violation>& violations) {
  std::vector<std::string_view> names;
  for (const Violation& violation : violations) names.push_back(violation.name);
  return names;
}

std::string session_text(const staging::Policy& policy, const std::vector<Violation>& violations) {
  std::ostringstream out;
  staging::write_session_violations(out, violations, policy, false);
  return out.str();
}

TEST(Targets, TheKindsAreConsistentPolicies) {
  EXPECT_TRUE(staging::check_policy(every_kind().policy()).empty());
}

TEST(Targets, ACallerPinnedToAnotherTargetIsRefused) {
  const TestPolicy test_policy = every_kind();
  const staging::Policy policy = test_policy.policy();
  // A NAME ignoring ASCII case, an ID and a PATH byte for byte, a URL by
  // scheme, host, port and path.
  EXPECT_TRUE(caller_violations(policy, {{"AWS_PROFILE", "Engram-Staging"},
                                         {"AWS_ACCOUNT_ID", "123456789012"},
                                         {"KUBECONFIG", "/etc/engram/staging.kubeconfig"},
                                         {"SEARCH_URL", "HTTPS://u:pw@Search.Staging.Example.com/v1"}})
                  .empty());
  const FakeEnvironment other{{"AWS_PROFILE", "engram-sandbox"},
                              {"AWS_ACCOUNT_ID", "210987654321"},
                              {"KUBECONFIG", "/home/me/.kube/config"},
                              {"SEARCH_URL", "https://search.staging.example.com/v2"},
                              {"GOOGLE_CLOUD_PROJECT", "engram-other"}};
  const std::vector<Violation> refused = caller_violations(policy, other);
  EXPECT_EQ(names_of(refused),
            (std::vector<std::string_view>{"AWS_PROFILE", "AWS_ACCOUNT_ID", "GOOGLE_CLOUD_PROJECT",
                                           "KUBECONFIG", "SEARCH_URL"}));
  for (const Violation& violation : refused) {
    EXPECT_EQ(violation.problem, TargetProblem::Differs) << violation.name;
    ASSERT_NE(violation.target, nullptr);
    EXPECT_EQ(violation.required, violation.target->value);
  }
  const std::string text = session_text(policy, refused);
  EXPECT_NE(text.find("StagingTests: session refused: KUBECONFIG is '/home/me/.kube/config', "
                      "required '/etc/engram/staging.kubeconfig'\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Rule: a staging run uses the staging AWS account only: "
                      "AWS_PROFILE='engram-staging', AWS_REGION='eu-west-1', "
                      "AWS_DEFAULT_REGION='eu-west-1', AWS_ACCOUNT_ID='123456789012'\n"),
            std::string::npos)
      << text;
}

TEST(Targets, ASettingIsOverriddenNotRefused) {
  const TestPolicy test_policy = every_kind();
  EXPECT_TRUE(caller_violations(test_policy.policy(), {{"AWS_REGION", "us-east-1"},
                                                       {"AWS_DEFAULT_REGION", "us-east-1"}})
                  .empty());
}

TEST(Targets, UnderForceEveryForcedTargetIsOverridden) {
  TestPolicy test_policy = every_kind();
  test_policy.on_mismatch = staging::OnMismatch::Force;
  EXPECT_TRUE(caller_violations(test_policy.policy(), {{"AWS_PROFILE", "engram-sandbox"},
                                                       {"KUBECONFIG", "/home/me/.kube/config"}})
                  .empty());
  // What the caller passes on is judged all the same.
  EXPECT_EQ(names_of(caller_violations(test_policy.policy(),
                                       {{"DATABASE_URL", "postgres://db.prod.example.com/app"}})),
            std::vector<std::string_view>{"DATABASE_URL"});
}

TEST(Targets, APassedThroughUrlIsJudgedByItsHostAndNeverShownWithItsPassword) {
  const TestPolicy test_policy = every_kind();
  const staging::Policy policy = test_policy.policy();
  const std::string staging_url =
      "postgres://engram:" + std::string(kCanary) + "@db.staging.example.com:5432/engram_test";
  EXPECT_TRUE(caller_violations(policy, {{"DATABASE_URL", staging_url}}).empty())
      << "a database named *_test on the staging host is staging's";

  const std::string prod_url =
      "postgres://engram:" + std::string(kCanary) + "@db.prod.example.com:5432/engram";
  const FakeEnvironment prod{{"DATABASE_URL", prod_url}};
  std::vector<Violation> refused = caller_violations(policy, prod);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].refused_word, "prod");
  std::string text = session_text(policy, refused);
  EXPECT_EQ(text.find(kCanary), std::string::npos) << text;
  EXPECT_NE(text.find("DATABASE_URL is 'postgres://engram:***@db.prod.example.com:5432/engram': "
                      "it contains the refused word 'prod' (its host or query names another environment "
                      "than staging)"),
            std::string::npos)
      << text;

  // libpq connects to a host in the query: it is judged as the host is.
  const FakeEnvironment query_host{
      {"DATABASE_URL", "postgres://db.staging.example.com/app_test?host=db.prod.example.com"}};
  EXPECT_EQ(names_of(caller_violations(policy, query_host)),
            std::vector<std::string_view>{"DATABASE_URL"});
  const FakeEnvironment query_fine{
      {"DATABASE_URL", "postgres://db.staging.example.com/app_test?sslmode=require"}};
  EXPECT_TRUE(caller_violations(policy, query_fine).empty());

  // A value that does not parse may hide where its password ends: refused,
  // and not shown at all.
  const std::string broken = "postgres://engram:" + std::string(kCanary) + "/x@db/engram";
  const FakeEnvironment unreadable{{"DATABASE_URL", broken}};
  refused = caller_violations(policy, unreadable);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].problem, TargetProblem::NotUrl);
  text = session_text(policy, refused);
  EXPECT_EQ(text.find(kCanary), std::string::npos) << text;
  EXPECT_NE(text.find("Fix: give DATABASE_URL a URL"), std::string::npos) << text;

  // Given twice, both values are shown redacted.
  FakeEnvironment twice{{"DATABASE_URL", staging_url}};
  twice.append("DATABASE_URL", prod_url);
  refused = caller_violations(policy, twice);
  text = session_text(policy, refused);
  EXPECT_NE(text.find("DATABASE_URL is set more than once"), std::string::npos) << text;
  EXPECT_EQ(text.find(kCanary), std::string::npos) << text;
}

TEST(Targets, APassedThroughPathIsJudgedByItsTail) {
  const TestPolicy test_policy = every_kind();
  const staging::Policy policy = test_policy.policy();
  EXPECT_TRUE(caller_violations(policy, {{"GOOGLE_APPLICATION_CREDENTIALS",
                                          "/home/dev/test/keys/engram-staging.json"}})
                  .empty())
      << "the machine's directories are not the target";
  for (std::string_view path : {"/etc/engram/prod/key.json", "/keys/engram-uat.json",
                                "C:\\keys\\live\\key.json", "/keys/prod/"}) {
    const std::vector<Violation> refused =
        caller_violations(policy, {{"GOOGLE_APPLICATION_CREDENTIALS", std::string(path)}});
    EXPECT_EQ(names_of(refused), std::vector<std::string_view>{"GOOGLE_APPLICATION_CREDENTIALS"})
        << path;
  }
}

TEST(Targets, WatchedVariablesOfUnconfiguredKindsAreJudged) {
  TestPolicy test_policy;  // the vault only
  const staging::Policy policy = test_policy.policy();
  EXPECT_TRUE(caller_violations(policy, {{"AWS_PROFILE", "engram-staging"},
                                         {"KUBECONFIG", "/home/me/.kube/config"},
                                         {"DATABASE_URL", "postgres://localhost/app_test"}})
                  .empty());
  const std::vector<Violation> refused =
      caller_violations(policy, {{"AWS_PROFILE", "engram-production"},
                                 {"GCLOUD_PROJECT", "engram-dev"},
                                 {"KUBECONFIG", "/home/me/.kube/uat.yaml"},
                                 {"DATABASE_URL", "mysql://db.prd.example.com/app"},
                                 {"AWS_ENDPOINT_URL", "not a url, prod"}});
  EXPECT_EQ(names_of(refused),
            (std::vector<std::string_view>{"AWS_PROFILE", "AWS_ENDPOINT_URL", "GCLOUD_PROJECT",
                                           "KUBECONFIG", "DATABASE_URL"}));
  // A test inherits them too.
  Scan scan(staging::checked_variable_names(policy));
  FakeEnvironment staged = test_policy.staged();
  staged.set("AWS_PROFILE", "engram-production");
  scan.run(staged);
  EXPECT_EQ(names_of(staging::check_environment(policy, scan, staging::Absent::IsViolation)),
            std::vector<std::string_view>{"AWS_PROFILE"});
}

TEST(Targets, SecretsArePassedThroughAndNeverShown) {
  const TestPolicy test_policy = every_kind();
  const staging::Policy policy = test_policy.policy();
  EXPECT_TRUE(staging::is_secret_name("AWS_ACCESS_KEY_ID", policy));
  FakeEnvironment environment = test_policy.staged();
  environment.set("AWS_SECRET_ACCESS_KEY", kCanary).set("AWS_ACCESS_KEY_ID", kCanary);
  environment.append("AWS_SESSION_TOKEN", kCanary).append("AWS_SESSION_TOKEN", "other");
  std::ostringstream banner;
  staging::write_banner(banner, policy, environment, staging::CallerDecision::Forced, {});
  EXPECT_EQ(banner.str().find(kCanary), std::string::npos) << banner.str();
  EXPECT_NE(banner.str().find("AWS_SECRET_ACCESS_KEY: set (redacted)\n"), std::string::npos);
  const std::string text = session_text(policy, caller_violations(policy, environment));
  EXPECT_NE(text.find("AWS_SESSION_TOKEN is set more than once"), std::string::npos) << text;
  EXPECT_EQ(text.find(kCanary), std::string::npos) << text;
}

TEST(Targets, TheBannerShowsEachTargetsValues) {
  const TestPolicy test_policy = every_kind();
  FakeEnvironment environment;
  environment.set("DATABASE_URL", "postgres://engram:" + std::string(kCanary) +
                                      "@db.staging.example.com/engram");
  std::ostringstream out;
  staging::write_banner(out, test_policy.policy(), environment, staging::CallerDecision::Forced,
                        {});
  const std::string banner = out.str();
  EXPECT_EQ(banner.find(kCanary), std::string::npos) << banner;
  for (std::string_view line :
       {"Vault: engram-staging-vault\n",
        "AWS: AWS_PROFILE=engram-staging, AWS_REGION=eu-west-1, AWS_DEFAULT_REGION=eu-west-1, "
        "AWS_ACCOUNT_ID=123456789012\n",
        "Google Cloud: GOOGLE_CLOUD_PROJECT=engram-staging, CLOUDSDK_CORE_PROJECT=engram-staging, "
        "GOOGLE_APPLICATION_CREDENTIALS not set\n",
        "Kubernetes: KUBECONFIG=/etc/engram/staging.kubeconfig, current-context engram-staging\n",
        "DATABASE_URL: DATABASE_URL=postgres://engram:***@db.staging.example.com/engram (from the "
        "caller)\n",
        "SEARCH_URL: SEARCH_URL=https://search.staging.example.com/v1\n"}) {
    EXPECT_NE(banner.find(line), std::string::npos) << line << "\nin\n" << banner;
  }
}

// --- fields -------------------------------------------------------------------

TEST(TopLevelField, ReadsYamlAndJsonTopLevelKeys) {
  const std::string_view kubeconfig =
      "apiVersion: v1\nclusters:\n- name: x\n  current-context: nested\n"
      "current-context: \"engram-staging\"  \nkind: Config\n";
  EXPECT_EQ(staging::top_level_field(kubeconfig, "current-context"),
            std::optional<std::string_view>("engram-staging"));
  EXPECT_EQ(staging::top_level_field("current-context: engram-staging # why\r\n",
                                     "current-context"),
            std::optional<std::string_view>("engram-staging"));
  EXPECT_EQ(staging::top_level_field("  current-context: nested\n", "current-context"),
            std::nullopt)
      << "an indented YAML key is not top-level";
  const std::string_view key = "{\n  \"type\": \"service_account\",\n  \"project_id\": "
                               "\"engram-staging\",\n  \"private_key\": \"-----BEGIN\"\n}\n";
  EXPECT_EQ(staging::top_level_field(key, "project_id"),
            std::optional<std::string_view>("engram-staging"));
  EXPECT_EQ(staging::top_level_field(key, "project"), std::nullopt);
  EXPECT_EQ(staging::top_level_field("current-context-x: a\n", "current-context"), std::nullopt);
  // Given twice, the readers take the last: a staging line first must not
  // hide a production one after it.
  EXPECT_EQ(staging::top_level_field("current-context: engram-staging\nkind: Config\n"
                                     "current-context: engram-prod\n",
                                     "current-context"),
            std::optional<std::string_view>("engram-prod"));
  EXPECT_EQ(staging::top_level_field("{ \"project_id\": \"engram-staging\", \"project_id\": "
                                     "\"engram-prod\" }",
                                     "project_id"),
            std::optional<std::string_view>("engram-prod"));
  EXPECT_EQ(staging::top_level_field("{ \"project_id\": \"engram-staging\", \"project_id\": 7 }",
                                     "project_id"),
            std::nullopt)
      << "a value that is no string cannot be judged";
}

std::map<std::string, std::string>& files() {
  static std::map<std::string, std::string> contents;
  return contents;
}

std::optional<std::string> read_fake(std::string_view path) {
  const auto found = files().find(std::string(path));
  if (found == files().end()) return std::nullopt;
  return found->second;
}

std::vector<Violation> field_violations(const staging::Policy& policy,
                                        const FakeEnvironment& environment,
                                        std::vector<std::string>& contents) {
  Scan scan(staging::checked_variable_names(policy));
  scan.run(environment);
  return staging::check_target_fields(policy, scan, read_fake, contents);
}

TEST(TargetFields, TheFilesTheTargetsNameMustHoldTheirFields) {
  const TestPolicy test_policy = every_kind();
  const staging::Policy policy = test_policy.policy();
  std::vector<std::string> contents;
  files().clear();

  // The forced kubeconfig is read whatever the caller has; an unset
  // passed-through credentials file is not judged.
  std::vector<Violation> found = field_violations(policy, {}, contents);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].problem, TargetProblem::FileUnreadable);
  EXPECT_EQ(found[0].found, std::optional<std::string_view>("/etc/engram/staging.kubeconfig"));

  files()["/etc/engram/staging.kubeconfig"] = "apiVersion: v1\nkind: Config\n";
  found = field_violations(policy, {}, contents);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].problem, TargetProblem::FieldMissing);

  files()["/etc/engram/staging.kubeconfig"] = "current-context: engram-dev\n";
  found = field_violations(policy, {}, contents);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].problem, TargetProblem::FieldDiffers);
  EXPECT_EQ(found[0].found, std::optional<std::string_view>("engram-dev"));
  std::string text = session_text(policy, found);
  EXPECT_NE(text.find("KUBECONFIG names a file whose current-context is 'engram-dev', required "
                      "'engram-staging'"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Fix: point KUBECONFIG at the staging environment's file (its "
                      "current-context must be 'engram-staging').\n"),
            std::string::npos)
      << text;

  files()["/etc/engram/staging.kubeconfig"] = "current-context: engram-staging\n";
  files()["/keys/key.json"] = "{ \"project_id\": \"engram-prod\", \"private_key\": \"" +
                              std::string(kCanary) + "\" }";
  const FakeEnvironment credentials{{"GOOGLE_APPLICATION_CREDENTIALS", "/keys/key.json"}};
  found = field_violations(policy, credentials, contents);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].refused_word, "prod");
  text = session_text(policy, found);
  EXPECT_EQ(text.find(kCanary), std::string::npos) << text;
  EXPECT_NE(text.find("GOOGLE_APPLICATION_CREDENTIALS names a file whose project_id is "
                      "'engram-prod': it contains the refused word 'prod'"),
            std::string::npos)
      << text;

  files()["/keys/key.json"] = "{ \"project_id\": \"engram-staging\" }";
  EXPECT_TRUE(field_violations(policy, credentials, contents).empty());
}

}  // namespace
