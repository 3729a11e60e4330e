// The pytest policy's staging checks, from inside the test binary: the
// variables StagingTests forces arrive in the process environment, and the
// services' configuration reads them.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "engram/service_config.hpp"

namespace engram {
namespace {

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string("<unset>") : std::string(value);
}

}  // namespace

TEST_SUITE("environment") {
  TEST_CASE("staging: ENVIRONMENT is staging") { CHECK(variable("ENVIRONMENT") == "staging"); }

  TEST_CASE("staging: the Key Vault is the staging vault") {
    CHECK(variable("AZURE_KEY_VAULT_NAME") == "engram-staging-vault");
    CHECK(variable("AZURE_KEYVAULT_URL") == "https://engram-staging-vault.vault.azure.net/");
  }

  TEST_CASE("staging: the services' configuration reads the forced variables") {
    const ServiceConfig config = ServiceConfig::from_environment();

    CHECK(config.environment == "staging");
    CHECK(config.key_vault_name == "engram-staging-vault");
    CHECK(config.key_vault_url == ServiceConfig::vault_url_for("engram-staging-vault"));
  }
}

}  // namespace engram
