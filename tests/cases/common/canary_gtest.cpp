// The secrets of the secrets/canary_<mode> cases reach GoogleTest cases by
// inheritance. Compares a hash: the value must not be in the build tree.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

void expect_canary(const char* name) {
  const char* value = std::getenv(name);
  ASSERT_NE(value, nullptr) << name << " is not set";
  EXPECT_EQ(fnv1a(value), CANARY_FNV1A) << name << " is not the canary";
}

TEST(Canary, AiKeyInherited) { expect_canary("AZURE_AI_KEY"); }
TEST(Canary, DeclaredSecretInherited) { expect_canary("ENGRAM_DB_CONNECTION"); }
TEST(Canary, ServiceTokenInherited) { expect_canary("ENGRAM_SERVICE_TOKEN"); }
TEST(Canary, ForcedVaultStillThere) {
  ASSERT_NE(std::getenv("AZURE_KEY_VAULT_NAME"), nullptr);
  EXPECT_STREQ(std::getenv("AZURE_KEY_VAULT_NAME"), "engram-staging-vault");
}

}  // namespace
