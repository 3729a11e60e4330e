// doctor.hpp: the doctor mode explains the policy, a listed suite and the
// caller without running anything; its JSON reads back; a secret never
// appears; the check program refuses everything while the doctor lists.
#include "staging/doctor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fakes.hpp"
#include "staging/messages.hpp"

namespace {

using staging::Json;
using staging::kExitOk;
using staging::kExitRefused;
using staging::kExitStalePolicy;
using staging::kExitTerminate;
using staging::kExitUsage;
using staging_test::FakeEnvironment;
using staging_test::FakeExec;
using staging_test::kConfirmation;
using staging_test::kProductionRefusal;
using staging_test::Outcome;
using staging_test::run;
using staging_test::TempDirectory;
using staging_test::TestPolicy;
using staging_test::write_text;

constexpr const char* kCanary = "CANARY-doctor-7f3a";

bool holds(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

const Json& member(const Json& json, std::string_view key) {
  static const Json kNull;
  const Json* found = json.get(key);
  return found != nullptr ? *found : kNull;
}

Json parsed(const std::string& text) {
  std::string error;
  const std::optional<Json> json = staging::parse_json(text, error);
  EXPECT_TRUE(json.has_value()) << error << "\n" << text;
  return json.value_or(Json{});
}

// A json-v1 test entry: name, command, working directory, disabled.
struct Entry {
  std::string name;
  std::vector<std::string> command;
  std::string directory;
  bool disabled = false;
};

std::string listing(const std::vector<Entry>& entries) {
  std::string text = R"({"kind":"ctestInfo","version":{"major":1,"minor":0},"tests":[)";
  const char* separator = "";
  for (const Entry& entry : entries) {
    text += separator;
    separator = ",";
    text += "{\"name\":" + staging::json_quote(entry.name);
    if (!entry.command.empty()) {
      text += ",\"command\":[";
      for (std::size_t i = 0; i < entry.command.size(); ++i) {
        text += (i == 0 ? "" : ",") + staging::json_quote(entry.command[i]);
      }
      text += "]";
    }
    text += ",\"properties\":[{\"name\":\"WORKING_DIRECTORY\",\"value\":" +
            staging::json_quote(entry.directory) + "}";
    if (entry.disabled) text += ",{\"name\":\"DISABLED\",\"value\":true}";
    text += "]}";
  }
  return text + "]}";
}

const std::string kCheck = "/b/StagingTests/staging_tests_check";

std::vector<std::string> staged(const std::string& name, std::vector<std::string> command,
                                bool outside = false) {
  std::vector<std::string> result{kCheck, "run", "--run-dir", "/b/StagingTests/runs/x",
                                  "--test", name};
  if (outside) result.push_back("--outside");
  result.push_back("--");
  result.insert(result.end(), command.begin(), command.end());
  return result;
}

Entry marker(int n, const std::string& directory) {
  return {std::string(staging::kDoctorMarkerPrefix) + std::to_string(n), {kCheck, "doctor-marker"},
          directory, true};
}

// A tree like tests/cases/doctor's: plain tests in two directories, a
// GoogleTest binary with the in-binary guard, an unguarded test, and an
// excluded directory.
std::vector<Entry> sample_tree() {
  return {
      {"staging_session", {kCheck, "session", "--run-dir", "/b/StagingTests/runs/x"}, "/b"},
      {"staging_checklist", {kCheck, "checklist", "--run-dir", "/b/StagingTests/runs/x"}, "/b"},
      marker(1, "/b"),
      {"Suite.one", staged("Suite.one", {"/b/gt", "--gtest_filter=Suite.one"}), "/b"},
      {"Suite.two", staged("Suite.two", {"/b/gt", "--gtest_filter=Suite.two"}), "/b"},
      {"top", staged("top", {"/b/probe", "top"}), "/b"},
      marker(2, "/b/chat"),
      {"chat_one", staged("chat_one", {"/b/probe", "chat_one"}), "/b/chat"},
      {"chat_raw", staged("chat_raw", {"/b/probe", "chat_raw"}), "/src/chat"},
      marker(3, "/b/memory"),
      {"memory_one", staged("memory_one", {"/b/probe", "memory_one"}), "/b/memory"},
      marker(4, "/b/third_party"),
      {"vendored", staged("vendored", {"/b/probe", "vendored"}, true), "/b/third_party"},
  };
}

const char* const kSampleData =
    "# StagingTests doctor data\n"
    "directory\t/b\t/src\tstaged\n"
    "directory\t/b/chat\t/src/chat\tstaged\n"
    "directory\t/b/memory\t/src/memory\tstaged\n"
    "directory\t/b/third_party\t/src/third_party\toutside\n"
    "directory\t/b/empty\t/src/empty\tstaged\n"
    "guarded\tGoogleTest\tgt\t/b/gt\n";

// Files for --listing and --data in a temporary directory.
struct TreeFiles {
  TempDirectory directory;
  std::string listing_path = directory / "listing.json";
  std::string data_path = directory / "doctor-data.txt";

  explicit TreeFiles(const std::string& listed, const std::string& data = kSampleData) {
    write_text(listing_path, listed);
    write_text(data_path, data);
  }
  std::vector<std::string> args(bool json = false) const {
    std::vector<std::string> result{"doctor", "--build-dir", "/b", "--listing", listing_path,
                                    "--data", data_path};
    if (json) result.push_back("--json");
    return result;
  }
};

// The test policy with the network guard on (WORDS) and b_* style globs.
struct NetworkPolicy {
  TestPolicy test_policy;
  std::vector<std::string_view> words{"prod", "uat"};
  std::vector<std::string_view> unguarded_tests{"memory_*"};
  std::vector<std::string_view> unguarded_programs{"*/valgrind/*"};
  staging::Policy policy() const {
    staging::Policy result = test_policy.policy();
    result.network.mode = staging::NetworkMode::Words;
    result.network.refused_words = words;
    result.network.unguarded_tests = unguarded_tests;
    result.network.unguarded_programs = unguarded_programs;
    result.network.hosts_file = "/etc/hosts";
    return result;
  }
};

FakeExec linux_exec() {
  FakeExec exec;
  exec.network_available = true;
  return exec;
}

// --- Policy and caller -------------------------------------------------------

TEST(DoctorMode, AcceptedCallerEndsWithTheBannerTheGuardPrints) {
  const TestPolicy test_policy;
  const FakeExec exec;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, {"doctor"}, exec);
  EXPECT_EQ(outcome.code, kExitOk) << outcome.out;
  EXPECT_EQ(outcome.err, "");
  EXPECT_EQ(exec.calls, 0) << "the doctor runs nothing";
  EXPECT_TRUE(holds(outcome.out, "STAGING DOCTOR")) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "POLICY (staging_tests_configure)\n"
                                 "  Environment: staging; allowed: staging; ON_MISMATCH FAIL\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "    AZURE_KEY_VAULT_NAME='engram-staging-vault'\n"));
  EXPECT_TRUE(holds(outcome.out, "    AZURE_AI_KEY (secret: never shown)\n")) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "    vault (azure-key-vault)\n")) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "  ENVIRONMENT: forced 'staging'; you have not set -> forced\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "  AZURE_AI_KEY: passed through; you have not set -> not set\n"))
      << outcome.out;
  EXPECT_FALSE(holds(outcome.out, "TREE")) << "no listing, no tree";
  std::ostringstream banner;
  staging::write_banner(banner, test_policy.policy(), FakeEnvironment{},
                        staging::CallerDecision::Forced, std::nullopt);
  staging::write_confirmation(banner, test_policy.policy());
  EXPECT_TRUE(holds(outcome.out, "VERDICT: accepted."));
  const std::string tail = banner.str();
  ASSERT_GE(outcome.out.size(), tail.size());
  EXPECT_EQ(outcome.out.substr(outcome.out.size() - tail.size()), tail);
}

TEST(DoctorMode, RefusedCallerGetsTheGuardsOwnRefusalAndExitCodeOne) {
  const TestPolicy test_policy;
  const FakeEnvironment environment{{"ENVIRONMENT", "production"}};
  const Outcome outcome = run(test_policy.policy(), environment, {"doctor"});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_TRUE(holds(outcome.out, "  ENVIRONMENT: forced 'staging'; you have 'production' -> "
                                 "refused (ON_MISMATCH FAIL)\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "The guard would stop ctest before any test (exit 8) with:\n\n" +
                                     kProductionRefusal))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "VERDICT: REFUSED."));
  EXPECT_FALSE(holds(outcome.out, "Confirmed")) << "no confirmation for a refused caller";
  // The same text as the guard mode's refusal, byte for byte.
  const Outcome guard = run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(guard.code, kExitRefused);
  EXPECT_TRUE(holds(outcome.out, guard.err)) << guard.err;
}

TEST(DoctorMode, EveryCallerViolationWithTheGuardsRuleAndFix) {
  const TestPolicy test_policy;
  FakeEnvironment environment{{"ENVIRONMENT", "uat"}};
  environment.set("AZURE_KEY_VAULT_NAME", "engram-prod-vault");
  const Outcome outcome = run(test_policy.policy(), environment, {"doctor"});
  EXPECT_EQ(outcome.code, kExitRefused);
  // The guard stops at the ENVIRONMENT; the doctor shows the rest too.
  EXPECT_TRUE(holds(outcome.out, "ERROR: Tests must run against STAGING environment only!\n"
                                 "Current environment: uat\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "StagingTests: session refused: AZURE_KEY_VAULT_NAME"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "  AZURE_KEY_VAULT_NAME: forced 'engram-staging-vault' (target "
                                 "vault, name); you have 'engram-prod-vault' -> refused\n"))
      << outcome.out;
  const Json json = parsed(run(test_policy.policy(), environment, {"doctor", "--json"}).out);
  const Json& violations = member(member(json, "caller"), "violations");
  ASSERT_EQ(violations.type, Json::Type::Array);
  ASSERT_FALSE(violations.items.empty());
  const Json& first = violations.items[0];
  EXPECT_EQ(member(first, "name").text, "AZURE_KEY_VAULT_NAME");
  EXPECT_TRUE(holds(member(first, "message").text, "StagingTests: session refused: "));
  EXPECT_TRUE(holds(member(first, "message").text, "Fix: ")) << member(first, "message").text;
}

TEST(DoctorMode, ForcedVariablesReplacedKeptOrSetByTheGuard) {
  TestPolicy test_policy;
  test_policy.forced.push_back({"MEMORY_SERVICE_MODE", "staging-memory"});
  FakeEnvironment environment;
  environment.set("AZURE_KEY_VAULT_NAME", "engram-staging-vault");
  environment.set("MEMORY_SERVICE_MODE", "local[1]");
  const Outcome outcome = run(test_policy.policy(), environment, {"doctor"});
  EXPECT_EQ(outcome.code, kExitOk) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "you have 'engram-staging-vault' -> kept\n")) << outcome.out;
  // printable(): '[' escaped, as in every message.
  EXPECT_TRUE(holds(outcome.out, "  MEMORY_SERVICE_MODE: forced 'staging-memory'; you have "
                                 "'local\\x5b1]' -> replaced\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "  AZURE_KEYVAULT_URL: forced "
                                 "'https://engram-staging-vault.vault.azure.net/' (target vault, "
                                 "url); you have not set -> set by the guard\n"))
      << outcome.out;
}

TEST(DoctorMode, APassedThroughValueIsOnlySaidToBeSetAsInTheBanner) {
  const TestPolicy test_policy;
  const FakeEnvironment environment{{"AZURE_AI_ENDPOINT", "https://engram-staging-ai.example/"}};
  const Outcome outcome = run(test_policy.policy(), environment, {"doctor"});
  EXPECT_TRUE(holds(outcome.out, "  AZURE_AI_ENDPOINT: passed through; you have set -> passed "
                                 "through\n"))
      << outcome.out;
  EXPECT_FALSE(holds(outcome.out, "engram-staging-ai")) << outcome.out;
  const Json json = parsed(run(test_policy.policy(), environment, {"doctor", "--json"}).out);
  for (const Json& variable : member(member(json, "caller"), "variables").items) {
    if (member(variable, "name").text != "AZURE_AI_ENDPOINT") continue;
    EXPECT_TRUE(member(variable, "set").boolean);
    EXPECT_EQ(member(variable, "value").type, Json::Type::Null);
  }
}

TEST(DoctorMode, UnderForceAnotherEnvironmentIsOverridden) {
  TestPolicy test_policy;
  test_policy.on_mismatch = staging::OnMismatch::Force;
  const Outcome outcome =
      run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "production"}}, {"doctor"});
  EXPECT_EQ(outcome.code, kExitOk) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "you have 'production' -> overridden (ON_MISMATCH FORCE)\n"));
  EXPECT_TRUE(holds(outcome.out, "Note: caller's ENVIRONMENT=production overridden"));
}

TEST(DoctorMode, TheListingVariableInTheCallersEnvironmentIsARefusal) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(),
                              FakeEnvironment{{"STAGING_TESTS_DOCTOR_LISTING", "1"}}, {"doctor"});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_TRUE(holds(outcome.out, "StagingTests: session refused: STAGING_TESTS_DOCTOR_LISTING is "
                                 "set."))
      << outcome.out;
}

TEST(DoctorMode, TargetsAndWatchedVariablesAreExplained) {
  TestPolicy test_policy;
  test_policy.add_target({"aws", "aws"},
                         {{"aws", "AWS_PROFILE", staging::TargetRole::Name, true, "engram-staging"},
                          {"aws", "AWS_SESSION_TOKEN", staging::TargetRole::Secret, false, ""}});
  test_policy.target_fields.push_back({"aws", "AWS_CONFIG_FILE", "profile", "engram-staging"});
  FakeEnvironment environment;
  environment.set("AWS_SESSION_TOKEN", kCanary);
  const staging::Policy policy = test_policy.policy();
  const Outcome outcome = run(policy, environment, {"doctor"});
  EXPECT_TRUE(holds(outcome.out, "    aws (aws)\n      AWS_PROFILE (name): forced "
                                 "'engram-staging'\n      AWS_SESSION_TOKEN (secret): passed "
                                 "through (secret: never shown)\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "the file in AWS_CONFIG_FILE must hold profile 'engram-staging'"));
  EXPECT_TRUE(holds(outcome.out, "  AWS_SESSION_TOKEN: passed through (target aws, secret); you "
                                 "have set (redacted) -> passed through\n"))
      << outcome.out;
  EXPECT_FALSE(holds(outcome.out, kCanary));
  if (!policy.watched.empty()) {
    EXPECT_TRUE(holds(outcome.out, "Watched (kinds not configured")) << outcome.out;
  }
}

TEST(DoctorMode, AFieldRuleIsJudgedAsTheGuardJudgesIt) {
  TestPolicy test_policy;
  test_policy.add_target({"kubernetes", "kubernetes"},
                         {{"kubernetes", "KUBECONFIG", staging::TargetRole::Path, false, ""}});
  test_policy.target_fields.push_back(
      {"kubernetes", "KUBECONFIG", "current-context", "engram-staging"});
  const staging::Policy policy = test_policy.policy();
  const TempDirectory directory;
  write_text(directory / "staging.yaml", "apiVersion: v1\ncurrent-context: engram-staging\n");
  write_text(directory / "prod.yaml", "apiVersion: v1\ncurrent-context: engram-prod\n");

  const Outcome unset = run(policy, FakeEnvironment{}, {"doctor"});
  EXPECT_EQ(unset.code, kExitOk) << unset.out;
  EXPECT_TRUE(holds(unset.out, "  the file in KUBECONFIG must hold current-context "
                               "'engram-staging' -> not judged (KUBECONFIG is not set)\n"))
      << unset.out;
  const Outcome good =
      run(policy, FakeEnvironment{{"KUBECONFIG", directory / "staging.yaml"}}, {"doctor"});
  EXPECT_EQ(good.code, kExitOk) << good.out;
  EXPECT_TRUE(holds(good.out, "'engram-staging' -> accepted\n")) << good.out;
  const FakeEnvironment prod{{"KUBECONFIG", directory / "prod.yaml"}};
  const Outcome bad = run(policy, prod, {"doctor"});
  EXPECT_EQ(bad.code, kExitRefused) << bad.out;
  EXPECT_TRUE(holds(bad.out, "'engram-staging' -> refused\n")) << bad.out;
  // The guard's text for it, byte for byte.
  const Outcome guard = run(policy, prod, {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(guard.code, kExitRefused);
  EXPECT_TRUE(holds(bad.out, guard.err)) << guard.err;
}

// --- Secrets -------------------------------------------------------------------

TEST(DoctorMode, ASecretCanaryNeverAppearsInAnyOutput) {
  TestPolicy test_policy;
  test_policy.refuse = {{"AZURE_AI_KEY", "prod"}};
  test_policy.add_target({"DATABASE_URL", "url"},
                         {{"DATABASE_URL", "DATABASE_URL", staging::TargetRole::Url, false, ""}});
  const std::string canary(kCanary);
  const std::vector<FakeEnvironment> environments{
      FakeEnvironment{{"AZURE_AI_KEY", canary}},
      FakeEnvironment{{"AZURE_AI_KEY", canary + "-prod"}},
      FakeEnvironment{{"ENVIRONMENT", "production"}, {"AZURE_AI_KEY", canary}},
      FakeEnvironment{{"DATABASE_URL", "postgres://app:" + canary + "@db.staging.example/app"}},
      FakeEnvironment{{"DATABASE_URL", "postgres://app:" + canary + "/x@db.prod.example/app"}},
  };
  TreeFiles files(listing(sample_tree()));
  const FakeExec exec = linux_exec();
  for (const FakeEnvironment& base : environments) {
    FakeEnvironment environment = base;
    environment.append("AZURE_AI_KEY", canary + "-second");
    for (bool json : {false, true}) {
      std::vector<std::string> args = files.args(json);
      const Outcome outcome = run(test_policy.policy(), environment, args, exec);
      EXPECT_FALSE(holds(outcome.out, "CANARY")) << outcome.out;
      EXPECT_FALSE(holds(outcome.err, "CANARY")) << outcome.err;
      if (json) parsed(outcome.out);
    }
  }
  // A refusal by the secret's REFUSE rule is shown, its value is not.
  const Outcome refused =
      run(test_policy.policy(), FakeEnvironment{{"AZURE_AI_KEY", canary + "-prod"}}, {"doctor"});
  EXPECT_EQ(refused.code, kExitRefused);
  EXPECT_TRUE(holds(refused.out, "AZURE_AI_KEY is set (redacted): it contains the refused word "
                                 "'prod' (REFUSE AZURE_AI_KEY MATCHES prod)"))
      << refused.out;
  EXPECT_TRUE(holds(refused.out, "  AZURE_AI_KEY: passed through; you have set (redacted) -> "
                                 "refused\n"))
      << refused.out;
}

TEST(DoctorMode, JsonWritesNoSecretValueEvenRedacted) {
  const TestPolicy test_policy;
  const Json json = parsed(
      run(test_policy.policy(), FakeEnvironment{{"AZURE_AI_KEY", kCanary}}, {"doctor", "--json"})
          .out);
  bool seen = false;
  for (const Json& variable : member(member(json, "caller"), "variables").items) {
    if (member(variable, "name").text != "AZURE_AI_KEY") continue;
    seen = true;
    EXPECT_TRUE(member(variable, "set").boolean);
    EXPECT_TRUE(member(variable, "secret").boolean);
    EXPECT_EQ(member(variable, "value").type, Json::Type::Null);
    EXPECT_EQ(member(variable, "result").text, "passed through");
  }
  EXPECT_TRUE(seen);
}

// --- JSON ----------------------------------------------------------------------

TEST(DoctorMode, JsonHoldsThePolicyAndTheCaller) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, {"doctor", "--json"});
  EXPECT_EQ(outcome.code, kExitOk);
  const Json json = parsed(outcome.out);
  EXPECT_EQ(member(json, "version").text, "1");
  EXPECT_EQ(member(json, "verdict").text, "accepted");
  EXPECT_EQ(member(json, "exit_code").text, "0");
  const Json& policy = member(json, "policy");
  EXPECT_EQ(member(policy, "enforced").text, "staging");
  EXPECT_EQ(member(policy, "on_mismatch").text, "FAIL");
  EXPECT_EQ(member(policy, "checklist").text, "staging_checklist");
  ASSERT_EQ(member(policy, "forced").items.size(), 3u);
  EXPECT_EQ(member(member(policy, "forced").items[0], "name").text, "ENVIRONMENT");
  EXPECT_EQ(member(member(policy, "network"), "mode").text, "OFF");
  ASSERT_EQ(member(policy, "targets").items.size(), 1u);
  EXPECT_EQ(member(member(policy, "targets").items[0], "kind").text, "azure-key-vault");
  EXPECT_EQ(member(json, "tree").type, Json::Type::Null);
  const Json& caller = member(json, "caller");
  EXPECT_TRUE(member(caller, "accepted").boolean);
  EXPECT_EQ(member(member(caller, "environment"), "decision").text, "forced");
  EXPECT_EQ(member(member(caller, "environment"), "value").type, Json::Type::Null);
  EXPECT_EQ(member(caller, "banner").text.rfind(std::string(70, '='), 0), 0u);
  EXPECT_TRUE(holds(member(caller, "banner").text, kConfirmation));
}

TEST(DoctorMode, JsonOfARefusedCallerCarriesTheRefusal) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "production"}},
                              {"doctor", "--json"});
  EXPECT_EQ(outcome.code, kExitRefused);
  const Json json = parsed(outcome.out);
  EXPECT_EQ(member(json, "verdict").text, "refused");
  EXPECT_EQ(member(json, "exit_code").text, "1");
  const Json& caller = member(json, "caller");
  EXPECT_FALSE(member(caller, "accepted").boolean);
  EXPECT_EQ(member(member(caller, "environment"), "decision").text, "refused");
  EXPECT_EQ(member(member(caller, "environment"), "value").text, "production");
  EXPECT_EQ(member(caller, "refusal").text, kProductionRefusal);
  EXPECT_EQ(caller.get("banner"), nullptr);
}

// --- The tree --------------------------------------------------------------------

TEST(DoctorTree, CountsPerDirectoryAndLayer) {
  const NetworkPolicy network;
  TreeFiles files(listing(sample_tree()));
  const FakeExec exec = linux_exec();
  const Outcome outcome = run(network.policy(), FakeEnvironment{}, files.args(), exec);
  EXPECT_EQ(outcome.code, kExitOk) << outcome.out;
  EXPECT_EQ(exec.calls, 0);
  const std::string& out = outcome.out;
  EXPECT_TRUE(holds(out, "TREE (/b)\n  ctest lists 7 tests besides StagingTests' own: 6 staged, "
                         "1 left out of the staging suite\n"))
      << out;
  EXPECT_TRUE(holds(out, "\n  /src (build: /b)\n    3 staged: check program 3, GoogleTest "
                         "guard 2, network guard 3\n"))
      << out;
  // The marker, not the working directory, says where chat_raw was read.
  EXPECT_TRUE(holds(out, "\n  /src/chat (build: /b/chat)\n    2 staged: check program 2, "
                         "network guard 2\n"))
      << out;
  EXPECT_TRUE(holds(out, "\n  /src/memory (build: /b/memory)\n    1 staged: check program 1, "
                         "network guard 0\n    without the network guard, as the policy allows: "
                         "memory_one (NETWORK_UNGUARDED_TESTS memory_*)\n"))
      << out;
  EXPECT_TRUE(holds(out, "\n  /src/third_party (build: /b/third_party), left out: "
                         "EXCLUDE_DIRECTORIES\n    1 left out of the staging suite (--outside: "
                         "no label, no session): check program 1, network guard 1\n"))
      << out;
  EXPECT_TRUE(holds(out, "  1 directory holds no test\n")) << out;
  EXPECT_TRUE(holds(out, "    gt (GoogleTest): 2 tests; not built (/b/gt)\n")) << out;
  EXPECT_TRUE(holds(out, "  Directories left out of the staging suite (EXCLUDE_DIRECTORIES):\n"
                         "    /src/third_party\n"))
      << out;
  // Each program is inspected once.
  EXPECT_EQ(exec.checked_programs, (std::vector<std::string>{"/b/gt", "/b/probe"}));
}

TEST(DoctorTree, JsonListsEveryTestWithItsLayers) {
  const NetworkPolicy network;
  TreeFiles files(listing(sample_tree()));
  const FakeExec exec = linux_exec();
  const Outcome outcome = run(network.policy(), FakeEnvironment{}, files.args(true), exec);
  EXPECT_EQ(outcome.code, kExitOk);
  const Json json = parsed(outcome.out);
  const Json& tree = member(json, "tree");
  EXPECT_TRUE(member(tree, "listed").boolean);
  EXPECT_TRUE(member(tree, "markers").boolean);
  EXPECT_EQ(member(member(tree, "totals"), "staged").text, "6");
  EXPECT_EQ(member(member(tree, "totals"), "outside").text, "1");
  EXPECT_EQ(member(member(tree, "totals"), "toolkit").text, "2");
  EXPECT_EQ(member(member(tree, "totals"), "in_binary_guard").text, "2");
  EXPECT_EQ(member(member(tree, "totals"), "network_guard").text, "6");
  const Json& directories = member(tree, "directories");
  ASSERT_EQ(directories.items.size(), 4u);
  const Json& top = directories.items[0];
  EXPECT_EQ(member(top, "source").text, "/src");
  EXPECT_EQ(member(top, "staged").text, "3");
  // The session and checklist are listed with the root's tests.
  ASSERT_EQ(member(top, "tests").items.size(), 5u);
  const Json& gtest = member(top, "tests").items[2];
  EXPECT_EQ(member(gtest, "name").text, "Suite.one");
  ASSERT_EQ(member(gtest, "layers").items.size(), 3u);
  EXPECT_EQ(member(gtest, "layers").items[0].text, "check");
  EXPECT_EQ(member(gtest, "layers").items[1].text, "GoogleTest");
  EXPECT_EQ(member(gtest, "layers").items[2].text, "network");
  EXPECT_EQ(member(gtest, "guard_target").text, "gt");
  const Json& memory = member(directories.items[2], "tests").items[0];
  EXPECT_EQ(member(memory, "network").text, "unguarded-test");
  EXPECT_EQ(member(memory, "network_rule").text, "memory_*");
  const Json& outside = directories.items[3];
  EXPECT_TRUE(member(outside, "outside").boolean);
  EXPECT_EQ(member(outside, "left_out").text, "1");
  EXPECT_EQ(member(member(outside, "tests").items[0], "kind").text, "outside");
  ASSERT_EQ(member(tree, "guards").items.size(), 1u);
  EXPECT_EQ(member(member(tree, "guards").items[0], "tests").text, "2");
  EXPECT_FALSE(member(member(tree, "guards").items[0], "built").boolean);
  ASSERT_EQ(member(member(json, "policy"), "excluded_directories").items.size(), 1u);
}

TEST(DoctorTree, NetworkOffAndUnavailableAreSaid) {
  const TestPolicy test_policy;  // NETWORK OFF
  TreeFiles files(listing(sample_tree()));
  const Outcome off = run(test_policy.policy(), FakeEnvironment{}, files.args(), linux_exec());
  EXPECT_TRUE(holds(off.out, "3 staged: check program 3, GoogleTest guard 2, network guard off "
                             "(NETWORK OFF)\n"))
      << off.out;
  const NetworkPolicy network;
  const Outcome unavailable = run(network.policy(), FakeEnvironment{}, files.args(), FakeExec{});
  EXPECT_TRUE(holds(unavailable.out, "network guard not available on this platform\n"))
      << unavailable.out;
}

TEST(DoctorTree, AProgramTheGuardCannotCarryIsRefusedWithTheCheckProgramsText) {
  const NetworkPolicy network;
  TreeFiles files(listing(sample_tree()));
  FakeExec exec = linux_exec();
  exec.program_kind = staging::ProgramGuard::Static;
  const Outcome outcome = run(network.policy(), FakeEnvironment{}, files.args(), exec);
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_TRUE(holds(outcome.out, "    \xe2\x9c\x97 refused before they run (the network guard "
                                 "cannot be loaded): Suite.one: /bin//b/gt (statically linked "
                                 "program), Suite.two: /bin//b/gt (statically linked program), "
                                 "top: /bin//b/probe (statically linked program)\n"))
      << outcome.out;
  std::ostringstream expected;
  staging::write_unguardable_program(expected, "top",
                                     {staging::ProgramGuard::Static, "/bin//b/probe"});
  EXPECT_TRUE(holds(outcome.out, expected.str())) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "VERDICT: REFUSED. This environment is accepted"));

  NetworkPolicy allowed;
  allowed.unguarded_programs = {"/bin/*"};
  const Outcome unguarded = run(allowed.policy(), FakeEnvironment{}, files.args(), exec);
  EXPECT_EQ(unguarded.code, kExitOk) << unguarded.out;
  EXPECT_TRUE(holds(unguarded.out, "top (NETWORK_UNGUARDED_PROGRAMS /bin/*)")) << unguarded.out;
}

TEST(DoctorTree, AnUnwrappedTestOrAMissingSessionIsRefused) {
  std::vector<Entry> entries = sample_tree();
  entries.push_back({"raw", {"/b/probe", "raw"}, "/b"});
  TreeFiles files(listing(entries));
  const Outcome unwrapped = run(TestPolicy{}.policy(), FakeEnvironment{}, files.args());
  EXPECT_EQ(unwrapped.code, kExitRefused);
  EXPECT_TRUE(holds(unwrapped.out, "\xe2\x9c\x97 NOT wrapped by the check program: raw\n"))
      << unwrapped.out;

  std::vector<Entry> without_session = sample_tree();
  without_session.erase(without_session.begin());
  TreeFiles no_session(listing(without_session));
  const Outcome missing = run(TestPolicy{}.policy(), FakeEnvironment{}, no_session.args());
  EXPECT_EQ(missing.code, kExitRefused);
  EXPECT_TRUE(holds(missing.out, "session or checklist test is missing")) << missing.out;
}

TEST(DoctorTree, NotBuiltDisabledAndCommandlessTestsAreNamed) {
  std::vector<Entry> entries = sample_tree();
  entries.push_back({"gt_NOT_BUILT", staged("gt_NOT_BUILT", {"gt_NOT_BUILT"}), "/b/memory"});
  entries.push_back({"off", staged("off", {"/b/probe"}), "/b/memory", true});
  entries.push_back({"elsewhere", {}, "/b/memory"});
  TreeFiles files(listing(entries));
  const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{}, files.args());
  EXPECT_EQ(outcome.code, kExitOk) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "    not built yet, so their cases are not discovered: "
                                 "gt_NOT_BUILT\n"))
      << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "    disabled (ctest does not run them): off\n"));
  EXPECT_TRUE(holds(outcome.out, "    listed without a command (the program is not there): "
                                 "elsewhere\n"));
  // /b/probe is nowhere on this machine; the tests added last were read
  // after the last marker, the excluded directory's.
  EXPECT_TRUE(holds(outcome.out, "    their program is not built yet (build before running them): "
                                 "vendored, off\n"))
      << outcome.out;
}

TEST(DoctorTree, WithoutMarkersTheWorkingDirectoryDecides) {
  std::vector<Entry> entries;
  for (const Entry& entry : sample_tree()) {
    if (entry.name.rfind(staging::kDoctorMarkerPrefix, 0) != 0) entries.push_back(entry);
  }
  TreeFiles files(listing(entries));
  const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{}, files.args());
  EXPECT_TRUE(holds(outcome.out, "no directory markers")) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "  /src/chat (build: /b/chat)\n    1 staged")) << outcome.out;
  EXPECT_TRUE(holds(outcome.out, "\n  /src/chat\n    1 staged")) << outcome.out;
}

TEST(DoctorTree, ALaunchedTestStillFindsItsGuardedProgram) {
  std::vector<Entry> entries = sample_tree();
  std::vector<std::string> command{kCheck,  "run",       "--run-dir", "/b/StagingTests/runs/x",
                                   "--test", "emulated", "--preload", "/b/lib.so",
                                   "--",     "/usr/bin/qemu", "/b/./gt"};
  entries.insert(entries.begin() + 6, Entry{"emulated", command, "/b"});
  TreeFiles files(listing(entries));
  const NetworkPolicy network;
  const FakeExec exec = linux_exec();
  const Json json = parsed(run(network.policy(), FakeEnvironment{}, files.args(true), exec).out);
  const Json& top = member(member(json, "tree"), "directories").items[0];
  ASSERT_EQ(member(top, "tests").items.size(), 6u);
  const Json& emulated = member(top, "tests").items.back();
  EXPECT_EQ(member(emulated, "name").text, "emulated");
  EXPECT_TRUE(member(emulated, "launched").boolean);
  EXPECT_EQ(member(emulated, "guard_target").text, "gt");
  EXPECT_EQ(member(emulated, "program").text, "/usr/bin/qemu");
}

TEST(DoctorTree, AListingThatIsNotOneIsARefusal) {
  for (const std::string& text : {std::string(), std::string("ctest: error"),
                                  std::string("{\"tests\": 3}")}) {
    TreeFiles files(text);
    const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{}, files.args());
    EXPECT_EQ(outcome.code, kExitRefused) << text;
    EXPECT_TRUE(holds(outcome.out, "ctest did not list the suite (")) << outcome.out;
    const Json json = parsed(run(TestPolicy{}.policy(), FakeEnvironment{}, files.args(true)).out);
    EXPECT_FALSE(member(member(json, "tree"), "listed").boolean);
  }
}

TEST(DoctorTree, ReadsTheListingFromStandardInputGivenADash) {
  // Only the option: reading std::cin is not exercised here.
  const Outcome outcome =
      run(TestPolicy{}.policy(), FakeEnvironment{}, {"doctor", "--data", "/nonexistent/data"});
  EXPECT_EQ(outcome.code, kExitUsage);
  EXPECT_TRUE(holds(outcome.err, "cannot read the doctor data")) << outcome.err;
}

// --- Arguments -----------------------------------------------------------------

TEST(DoctorMode, StalePolicyIdSaysRebuild) {
  const Outcome outcome =
      run(TestPolicy{}.policy(), FakeEnvironment{}, {"doctor", "--policy-id", "other"});
  EXPECT_EQ(outcome.code, kExitStalePolicy);
  EXPECT_TRUE(holds(outcome.out, "this check program was built for policy 'policy-1234'"));
  const Outcome json = run(TestPolicy{}.policy(), FakeEnvironment{},
                           {"doctor", "--json", "--policy-id", "other"});
  EXPECT_EQ(member(parsed(json.out), "verdict").text, "stale");
  EXPECT_EQ(run(TestPolicy{}.policy(), FakeEnvironment{}, {"doctor", "--policy-id", "policy-1234"})
                .code,
            kExitOk);
}

TEST(DoctorMode, UsageErrors) {
  for (const std::vector<std::string>& arguments :
       std::vector<std::vector<std::string>>{{"doctor", "--listing"},
                                             {"doctor", "--bogus"},
                                             {"doctor", "extra"}}) {
    const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{}, arguments);
    EXPECT_EQ(outcome.code, kExitUsage);
    EXPECT_EQ(outcome.out, "");
    EXPECT_TRUE(holds(outcome.err, "staging_tests_check doctor [--json]")) << outcome.err;
  }
}

// --- Nothing runs while the doctor lists ------------------------------------------

TEST(DoctorListing, RunSessionAndChecklistRefuse) {
  const TestPolicy test_policy;
  FakeEnvironment environment = test_policy.staged();
  environment.set("STAGING_TESTS_DOCTOR_LISTING", "abc");
  environment.set("STAGING_TESTS_GUARD", "1");
  const TempDirectory directory;
  const FakeExec exec;
  const Outcome test = run(test_policy.policy(), environment,
                           {"run", "--run-dir", directory.string(), "--test", "t", "--", "probe"},
                           exec);
  EXPECT_EQ(test.code, kExitTerminate);
  EXPECT_EQ(exec.calls, 0) << "the test must not run";
  EXPECT_EQ(test.err,
            "StagingTests: test 't' refused: STAGING_TESTS_DOCTOR_LISTING is set. staging-doctor "
            "sets it only for the ctest that lists the suite, and nothing runs while it is set.\n"
            "Fix: unset STAGING_TESTS_DOCTOR_LISTING in the environment that runs ctest.\n");
  const Outcome outside = run(test_policy.policy(), environment,
                              {"run", "--run-dir", directory.string(), "--test", "t", "--outside",
                               "--", "probe"},
                              exec);
  EXPECT_EQ(outside.code, kExitTerminate);
  EXPECT_EQ(exec.calls, 0);
  const Outcome session =
      run(test_policy.policy(), environment, {"session", "--run-dir", directory / "run"});
  EXPECT_EQ(session.code, kExitTerminate);
  EXPECT_TRUE(holds(session.err, "StagingTests: session refused: STAGING_TESTS_DOCTOR_LISTING"));
  EXPECT_FALSE(std::filesystem::exists(directory / "run")) << "no run directory, no stamp";
  const Outcome checklist =
      run(test_policy.policy(), environment, {"checklist", "--run-dir", directory.string()});
  EXPECT_EQ(checklist.code, kExitRefused);
  EXPECT_TRUE(holds(checklist.err, "test 'staging_checklist' refused")) << checklist.err;
}

TEST(DoctorListing, AnEmptyValueCountsAsSet) {
  EXPECT_TRUE(staging::doctor_listing(FakeEnvironment{{"STAGING_TESTS_DOCTOR_LISTING", ""}}));
  EXPECT_FALSE(staging::doctor_listing(FakeEnvironment{{"STAGING_TESTS_DOCTOR_LISTINGS", "1"}}));
}

// --- JSON and data parsing -----------------------------------------------------------

TEST(DoctorJson, QuoteEscapesAndKeepsUtf8) {
  EXPECT_EQ(staging::json_quote("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  EXPECT_EQ(staging::json_quote("\xe2\x9c\x93"), "\"\xe2\x9c\x93\"");
  // Not UTF-8: each byte escaped on its own, so the output stays valid JSON.
  EXPECT_EQ(staging::json_quote("\xff\xe2\x9c"), "\"\\u00ff\\u00e2\\u009c\"");
  EXPECT_EQ(staging::json_quote("\xed\xa0\x80"), "\"\\u00ed\\u00a0\\u0080\"") << "a surrogate";
  EXPECT_EQ(staging::json_quote("\xc0\xaf"), "\"\\u00c0\\u00af\"") << "overlong";
}

TEST(DoctorJson, ParseReadsWhatQuoteWrites) {
  for (std::string_view text : {std::string_view("plain"), std::string_view("\"\\\n\t\x01"),
                                std::string_view("\xe2\x9c\x93 \xf0\x9f\x98\x80")}) {
    std::string error;
    const std::optional<Json> json = staging::parse_json(staging::json_quote(text), error);
    ASSERT_TRUE(json) << error;
    EXPECT_EQ(json->text, text);
  }
  std::string error;
  const std::optional<Json> pair = staging::parse_json(R"(["\ud83d\ude00", "\u00e9", "\ud800"])",
                                                       error);
  ASSERT_TRUE(pair) << error;
  EXPECT_EQ(pair->items[0].text, "\xf0\x9f\x98\x80");
  EXPECT_EQ(pair->items[1].text, "\xc3\xa9");
  EXPECT_EQ(pair->items[2].text, "\xef\xbf\xbd");
}

TEST(DoctorJson, ParseRefusesWhatIsNotJson) {
  for (const std::string& text :
       {std::string(""), std::string("{"), std::string("[1,]"), std::string("{\"a\" 1}"),
        std::string("\"\x01\""), std::string("tru"), std::string("01x"), std::string("[] []"),
        std::string(100, '[') + std::string(100, ']')}) {
    std::string error;
    EXPECT_FALSE(staging::parse_json(text, error)) << text;
    EXPECT_FALSE(error.empty());
  }
  std::string error;
  const std::optional<Json> json =
      staging::parse_json(" {\"a\": [1, -2.5e3, true, false, null, {}], \"b\": \"x\"} ", error);
  ASSERT_TRUE(json) << error;
  EXPECT_EQ(member(*json, "a").items[1].text, "-2.5e3");
  EXPECT_TRUE(member(*json, "a").items[2].boolean);
  EXPECT_EQ(member(*json, "a").items[4].type, Json::Type::Null);
  EXPECT_EQ(member(*json, "b").text, "x");
}

TEST(DoctorData, ParseDirectoriesAndGuards) {
  const staging::DoctorData data = staging::parse_doctor_data(
      std::string(kSampleData) + "directory\tonly-two\n\nguarded\tCatch2\tct\t/b/ct\r\nbogus\n");
  ASSERT_EQ(data.directories.size(), 5u);
  EXPECT_EQ(data.directories[3].source, "/src/third_party");
  EXPECT_TRUE(data.directories[3].outside);
  EXPECT_FALSE(data.directories[0].outside);
  ASSERT_EQ(data.guarded.size(), 2u);
  EXPECT_EQ(data.guarded[1].framework, "Catch2");
  EXPECT_EQ(data.guarded[1].file, "/b/ct");
  EXPECT_EQ(data.malformed, 2u);
}

TEST(DoctorData, ParseListingKeepsOrderCommandsAndProperties) {
  const staging::Listing parsed_listing = staging::parse_listing(listing(sample_tree()));
  ASSERT_TRUE(parsed_listing.valid) << parsed_listing.error;
  ASSERT_EQ(parsed_listing.tests.size(), sample_tree().size());
  EXPECT_EQ(parsed_listing.tests[2].name, "StagingTests.doctor.directory.1");
  EXPECT_TRUE(parsed_listing.tests[2].disabled);
  EXPECT_EQ(parsed_listing.tests[8].working_directory, "/src/chat");
  EXPECT_EQ(parsed_listing.tests[3].command.back(), "--gtest_filter=Suite.one");
}

}  // namespace
