// A test that reaches for the production vault, to show the network guard:
// built only with -DENGRAM_DEMO_PRODUCTION_VAULT=ON, never in the staging
// suite the README runs.
//
// The test builds its configuration by hand (a test must not change the
// environment StagingTests forces) and points the memory client's vault
// connection at engram-prod-vault.vault.azure.net. The host name holds the
// word "prod", so the guard refuses it before it is resolved: getaddrinfo
// fails as for a name that does not exist (EAI_NONAME), the test sees an
// unreachable vault and, by its own measure, passes. It still fails: the
// guard prints
//   StagingTests: test 'TestProductionVault.test_memory_client_reaches_the_production_vault'
//   may not reach engram-prod-vault.vault.azure.net (getaddrinfo): ...
// turns the process's exit code 0 into 1, and staging_checklist lists the
// refusal and fails.
#include <iostream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "engram/service_config.hpp"
#include "engram/vault_client.hpp"

namespace engram {
namespace {

TEST(TestProductionVault, test_memory_client_reaches_the_production_vault) {
  const ServiceConfig production =
      ServiceConfig::from_lookup([](const std::string& name) -> std::optional<std::string> {
        if (name == "ENVIRONMENT") return std::string("production");
        if (name == "AZURE_KEY_VAULT_NAME") return std::string("engram-prod-vault");
        if (name == "AZURE_KEYVAULT_URL") {
          return ServiceConfig::vault_url_for("engram-prod-vault");
        }
        return std::nullopt;
      });
  const VaultClient vault(production);

  const VaultReach reach = vault.reach();

  std::cout << "vault: " << reach.describe() << std::endl;
  EXPECT_EQ(reach.host, "engram-prod-vault.vault.azure.net");
}

}  // namespace
}  // namespace engram
