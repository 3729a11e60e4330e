// Each case proves what it saw: the forced variables and, in the binaries
// registered with extra ENVIRONMENT entries, those byte for byte (a ';' in
// one). The names hold spaces, a comma and brackets, and the cases tags, as
// real suites' do: discovery must hand each to Catch2 escaped, so that each
// test runs its own case and no other.
#include "catch2.hpp"
#include "marker.hpp"

static_assert(__cplusplus == CASE_CXX_STANDARD, "the target's standard was changed");

namespace {

void expect_staging(const std::string& id) {
  touch_marker(std::string(CASE_BINARY) + "." + id);
  CHECK(env("ENVIRONMENT") == "staging");
  CHECK(env("AZURE_KEY_VAULT_NAME") == "engram-staging-vault");
  CHECK(env("AZURE_KEYVAULT_URL") == "https://engram-staging-vault.vault.azure.net/");
#if CASE_EXTRAS
  CHECK(env("X_ONE") == "1");
  CHECK(env("X_TWO") == "a;b c");
#else
  CHECK(env("X_TWO") == "<unset>");
#endif
}

}  // namespace

TEST_CASE("plain") { expect_staging("plain"); }

TEST_CASE("routes a message, then answers", "[router][fast]") { expect_staging("comma"); }

TEST_CASE("keeps [brackets] in its name", "[router]") { expect_staging("brackets"); }
