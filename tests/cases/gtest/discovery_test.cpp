// Each case proves what it saw: the forced variables and, in the binaries
// registered through add_staging_gtest, the extra ENVIRONMENT entries byte
// for byte (a ';', quotes and a '$' in them).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "marker.hpp"

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "<unset>";
}

void expect_staging(const std::string& body) {
  touch_marker(std::string(CASE_BINARY) + "." + body);
  EXPECT_EQ(env("ENVIRONMENT"), "staging");
  EXPECT_EQ(env("AZURE_KEY_VAULT_NAME"), "engram-staging-vault");
  EXPECT_EQ(env("AZURE_KEYVAULT_URL"), "https://engram-staging-vault.vault.azure.net/");
#if CASE_EXTRAS
  EXPECT_EQ(env("X_ONE"), "1");
  EXPECT_EQ(env("X_TWO"), "a;b c");
  EXPECT_EQ(env("X_QUOTED"), "\"q\" $HOME 'x'");
#else
  EXPECT_EQ(env("X_TWO"), "<unset>");
#endif
}

TEST(Discovery, sees_staging) { expect_staging("Discovery.sees_staging"); }

class Fixture : public testing::Test {};
TEST_F(Fixture, sees_staging) { expect_staging("Fixture.sees_staging"); }

}  // namespace
