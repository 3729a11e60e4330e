// Built against the template configured with every list that may be empty
// left empty (see CMakeLists.txt): the generated header must compile, and
// must say what it was given.
#include "staging_compiled_policy.hpp"

#include <gtest/gtest.h>

#include "staging/rules.hpp"

namespace {

static_assert(staging::compiled_detail::kPolicy.pass_through.empty(),
              "the compiled policy is a constant expression");

TEST(CompiledPolicy, HoldsTheConfiguredValues) {
  const staging::Policy& policy = staging::compiled_policy();
  EXPECT_EQ(policy.enforced, "staging");
  ASSERT_EQ(policy.allowed.size(), 1u);
  EXPECT_EQ(policy.allowed[0], "staging");
  ASSERT_EQ(policy.forced.size(), 1u);
  EXPECT_EQ(policy.forced[0].name, "ENVIRONMENT");
  EXPECT_EQ(policy.forced[0].value, "staging");
  EXPECT_TRUE(policy.pass_through.empty());
  EXPECT_TRUE(policy.secrets.empty());
  EXPECT_EQ(policy.on_mismatch, staging::OnMismatch::Force);
  EXPECT_EQ(policy.vault_name, "");
  EXPECT_EQ(policy.vault_url, "");
  EXPECT_EQ(policy.id, "test-empty-policy");
  EXPECT_TRUE(staging::check_policy(policy).empty());
}

}  // namespace
