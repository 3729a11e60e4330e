#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "marker.hpp"

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "<unset>";
}

void expect_staging(const std::string& marker) {
  touch_marker(marker);
  EXPECT_EQ(env("ENVIRONMENT"), "staging");
  EXPECT_EQ(env("AZURE_KEY_VAULT_NAME"), "engram-staging-vault");
  EXPECT_EQ(env("AZURE_KEYVAULT_URL"), "https://engram-staging-vault.vault.azure.net/");
  EXPECT_EQ(env("X_ONE"), "1");
  EXPECT_EQ(env("X_TWO"), "a;b c");
}

TEST(Plain, sees_staging) { expect_staging("Plain.sees_staging"); }

class Fixture : public testing::Test {};
TEST_F(Fixture, sees_staging) { expect_staging("Fixture.sees_staging"); }

class Param : public testing::TestWithParam<int> {};
TEST_P(Param, sees_staging) { expect_staging("Param." + std::to_string(GetParam())); }
INSTANTIATE_TEST_SUITE_P(Values, Param, testing::Values(1, 2));

template <typename T>
class Typed : public testing::Test {};
using Types = testing::Types<int, double>;
TYPED_TEST_SUITE(Typed, Types);
TYPED_TEST(Typed, sees_staging) {
  expect_staging(std::string("Typed.") + (sizeof(TypeParam) == sizeof(int) ? "int" : "double"));
}

}  // namespace
