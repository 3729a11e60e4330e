// The seed's Attempt 2: a test that changes the environment while it runs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "marker.hpp"

namespace {

TEST(Flip, changes_environment) {
  touch_marker("Flip.changes_environment");
  setenv("ENVIRONMENT", "production", 1);
}

TEST(Flip, removes_the_vault_url) {
  touch_marker("Flip.removes_the_vault_url");
  unsetenv("AZURE_KEYVAULT_URL");
}

// Runs after the two above when the binary runs whole: the guard restored
// the values, so this one is unaffected.
TEST(Flip, zz_later_test_is_unaffected) {
  touch_marker("Flip.zz_later_test_is_unaffected");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
  EXPECT_STREQ(std::getenv("AZURE_KEYVAULT_URL"), "https://engram-staging-vault.vault.azure.net/");
}

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
