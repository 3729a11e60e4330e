// The header _staging_write_policy_header() generates from
// templates/staging_compiled_policy.hpp.in, for a policy with every list
// that may be empty left empty (tests/unit/CMakeLists.txt): it must compile,
// be a constant expression, and hold what CMake stored, the toolkit's rule
// data included.
#include "empty_policy/staging_compiled_policy.hpp"  // generated

#include <gtest/gtest.h>

#include <cctype>
#include <string_view>

#include "fakes.hpp"
#include "staging/rules.hpp"

namespace {

namespace rule_data = staging_test::rule_data;

static_assert(staging::compiled_detail::kPolicy.pass_through.empty(),
              "the compiled policy is a constant expression");
static_assert(staging::compiled_detail::kPassThrough.size() == 0 &&
                  staging::compiled_detail::kSecrets.size() == 0 &&
                  staging::compiled_detail::kRefuse.size() == 0,
              "zero-length arrays");

template <typename A, typename B>
bool same_words(const A& a, const B& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].word != b[i].word || a[i].row != b[i].row) return false;
  }
  return true;
}

template <typename A, typename B>
bool same_strings(const A& a, const B& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

TEST(CompiledPolicy, EmptyListsCompileAndHoldTheConfiguredValues) {
  const staging::Policy& policy = staging::compiled_policy();
  EXPECT_EQ(policy.enforced, "staging");
  ASSERT_EQ(policy.allowed.size(), 1u);
  EXPECT_EQ(policy.allowed[0], "staging");
  ASSERT_EQ(policy.forced.size(), 1u);
  EXPECT_EQ(policy.forced[0].name, "ENVIRONMENT");
  EXPECT_EQ(policy.forced[0].value, "staging");
  EXPECT_TRUE(policy.pass_through.empty());
  EXPECT_TRUE(policy.secrets.empty());
  EXPECT_TRUE(policy.refuse.empty());
  EXPECT_EQ(policy.on_mismatch, staging::OnMismatch::Force);
  EXPECT_TRUE(policy.targets.empty());
  EXPECT_TRUE(policy.target_variables.empty());
  EXPECT_TRUE(policy.target_fields.empty());
  EXPECT_EQ(policy.watched.size(), rule_data::kWatched.size()) << "no target: every kind watched";
  EXPECT_EQ(policy.session_test, "staging_session");
  EXPECT_EQ(policy.label, "staging");
  EXPECT_EQ(policy.id, STAGING_UNIT_EMPTY_POLICY_ID);
  EXPECT_TRUE(staging::check_policy(policy).empty());
}

TEST(CompiledPolicy, TheIdIsSixteenHexDigits) {
  const std::string_view id = staging::compiled_policy().id;
  ASSERT_EQ(id.size(), 16u);
  for (char c : id) EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << id;
  EXPECT_NE(id, STAGING_UNIT_SAMPLE_POLICY_ID) << "another policy, another id";
}

TEST(CompiledPolicy, HoldsTheToolkitsRuleData) {
  const staging::Policy& policy = staging::compiled_policy();
  EXPECT_TRUE(same_words(policy.environment_words, rule_data::kEnvironmentWords));
  EXPECT_TRUE(same_strings(policy.secret_suffixes, rule_data::kSecretSuffixes));
  EXPECT_TRUE(same_strings(policy.secret_infixes, rule_data::kSecretInfixes));
  ASSERT_EQ(policy.watched.size(), rule_data::kWatched.size());
  for (std::size_t i = 0; i < policy.watched.size(); ++i) {
    EXPECT_EQ(policy.watched[i].target, rule_data::kWatched[i].target);
    EXPECT_EQ(policy.watched[i].name, rule_data::kWatched[i].name);
    EXPECT_EQ(policy.watched[i].role, rule_data::kWatched[i].role);
    EXPECT_FALSE(policy.watched[i].forced);
  }
}

// The data itself, as cmake/StagingTestsRules.cmake defines it: every row
// of the refusal's table has a word, and the usual secret shapes are there.
TEST(CompiledPolicy, TheRuleDataIsUsable) {
  const staging::Policy& policy = staging::compiled_policy();
  for (std::string_view row : {"dev", "test", "uat", "prod"}) {
    bool found = false;
    for (const staging::EnvironmentWord& word : policy.environment_words) {
      found = found || (word.row == row && word.word == row);
    }
    EXPECT_TRUE(found) << row;
  }
  EXPECT_TRUE(staging::is_secret_name("AZURE_AI_KEY", policy));
  EXPECT_TRUE(staging::is_secret_name("GITHUB_TOKEN", policy));
  EXPECT_TRUE(staging::is_secret_name("DB_SECRET", policy));
  EXPECT_TRUE(staging::is_secret_name("db_password_file", policy));
  EXPECT_FALSE(staging::is_secret_name("AZURE_AI_ENDPOINT", policy));
  EXPECT_NE(staging::find_target_variable(policy, "AZURE_KEY_VAULT_NAME"), nullptr);
  EXPECT_NE(staging::find_target_variable(policy, "KUBECONFIG"), nullptr);
  EXPECT_NE(staging::find_target_variable(policy, "DATABASE_URL"), nullptr);
}

}  // namespace
