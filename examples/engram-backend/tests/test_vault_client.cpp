// The memory client's vault connection reaches the vault StagingTests
// configures: the staging vault host, from AZURE_KEYVAULT_URL.
//
// The tests really resolve and connect. Offline (no DNS, no route), the
// lookup or the connection fails and the vault is unreachable, which the
// tests accept: what they hold true is the host the client tried. A host
// the network guard refuses would fail differently: the guard prints
// "StagingTests: test '...' may not reach <host>" and fails the test
// process whatever the test asserts (see tests/demo_production_vault.cpp).
#include <iostream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engram/service_config.hpp"
#include "engram/services.hpp"
#include "engram/vault_client.hpp"

namespace engram {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* staging_vault_host = "engram-staging-vault.vault.azure.net";

TEST(TestVaultClient, test_host_is_the_configured_vault_host) {
  const VaultClient vault(ServiceConfig::from_environment());

  EXPECT_EQ(vault.host(), staging_vault_host);
}

TEST(TestVaultClient, test_host_of_takes_the_host_of_an_https_url) {
  EXPECT_EQ(VaultClient::host_of("https://engram-staging-vault.vault.azure.net/"),
            staging_vault_host);
  EXPECT_EQ(VaultClient::host_of("https://engram-staging-vault.vault.azure.net"),
            staging_vault_host);
  EXPECT_EQ(VaultClient::host_of("https://engram-staging-vault.vault.azure.net/secrets?x=1"),
            staging_vault_host);
  EXPECT_THROW(VaultClient::host_of("http://engram-staging-vault.vault.azure.net/"), ConfigError);
  EXPECT_THROW(VaultClient::host_of("https:///"), ConfigError);
  EXPECT_THROW(VaultClient::host_of("https://engram-staging-vault.vault.azure.net:8443/"),
               ConfigError);
}

TEST(TestVaultClient, test_reaches_the_configured_vault_host) {
  const VaultClient vault(ServiceConfig::from_environment());

  const VaultReach reach = vault.reach();

  std::cout << "vault: " << reach.describe() << std::endl;
  EXPECT_EQ(reach.host, staging_vault_host);
  EXPECT_EQ(reach.port, VaultClient::https_port);
  if (reach.reached()) {
    EXPECT_EQ(reach.error, "");
  } else {
    // Offline: unreachable, for a reason the system gave.
    EXPECT_THAT(reach.error, AnyOf(StartsWith("lookup failed: "), StartsWith("connect failed: ")));
    EXPECT_THAT(reach.describe(), StartsWith(std::string(staging_vault_host) + ":443 unreachable ("));
  }
}

TEST(TestVaultClient, test_unreachable_vault_is_service_unavailable) {
  const VaultClient vault(ServiceConfig::from_environment());

  if (vault.reach().reached()) {
    EXPECT_NO_THROW(vault.require_reachable());
  } else {
    EXPECT_THAT([&vault] { vault.require_reachable(); },
                ::testing::ThrowsMessage<ServiceUnavailable>(
                    HasSubstr(std::string("Key Vault ") + staging_vault_host + ":443 unreachable")));
  }
}

}  // namespace
}  // namespace engram
