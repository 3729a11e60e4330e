// ServiceConfig's validation, fed from a map instead of the process
// environment (a test must not change the environment StagingTests forces).
#include <map>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engram/service_config.hpp"

namespace engram {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::ThrowsMessage;

using Variables = std::map<std::string, std::string>;

Variables staging_variables() {
  return {{"ENVIRONMENT", "staging"},
          {"AZURE_KEY_VAULT_NAME", "engram-staging-vault"},
          {"AZURE_KEYVAULT_URL", "https://engram-staging-vault.vault.azure.net/"}};
}

ServiceConfig load(const Variables& variables) {
  return ServiceConfig::from_lookup([&variables](const std::string& name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

TEST(TestServiceConfig, test_reads_all_variables) {
  Variables variables = staging_variables();
  variables["ENVIRONMENT"] = " Staging\n";
  variables["AZURE_AI_ENDPOINT"] = "https://engram-staging.openai.azure.com/";
  variables["AZURE_AI_KEY"] = "k3y";

  const ServiceConfig config = load(variables);

  EXPECT_EQ(config.environment, "staging");
  EXPECT_EQ(config.key_vault_name, "engram-staging-vault");
  EXPECT_EQ(config.key_vault_url, "https://engram-staging-vault.vault.azure.net/");
  EXPECT_EQ(config.ai_endpoint, "https://engram-staging.openai.azure.com/");
  EXPECT_TRUE(config.ai_key_present);
}

TEST(TestServiceConfig, test_missing_required_variable_is_named) {
  for (const char* name : {"ENVIRONMENT", "AZURE_KEY_VAULT_NAME", "AZURE_KEYVAULT_URL"}) {
    SCOPED_TRACE(name);
    Variables missing = staging_variables();
    missing.erase(name);
    Variables empty = staging_variables();
    empty[name] = "";

    EXPECT_THAT([&] { load(missing); }, ThrowsMessage<ConfigError>(HasSubstr(name)));
    EXPECT_THAT([&] { load(empty); }, ThrowsMessage<ConfigError>(HasSubstr(name)));
  }
}

TEST(TestServiceConfig, test_url_must_be_the_vault_url) {
  for (const char* url : {"https://engram-prod-vault.vault.azure.net/",
                          "http://engram-staging-vault.vault.azure.net/",
                          "https://engram-staging-vault.vault.azure.net",
                          "https://engram-staging-vault.vault.azure.net.evil.example/"}) {
    SCOPED_TRACE(url);
    Variables variables = staging_variables();
    variables["AZURE_KEYVAULT_URL"] = url;

    EXPECT_THAT([&] { load(variables); },
                ThrowsMessage<ConfigError>(AllOf(
                    HasSubstr("AZURE_KEYVAULT_URL"),
                    HasSubstr("expected 'https://engram-staging-vault.vault.azure.net/'"))));
  }
}

TEST(TestServiceConfig, test_vault_name_follows_azure_rules) {
  for (const char* name : {"engram-staging-vault", "abc", "Vault-2", "a23456789012345678901234"}) {
    EXPECT_TRUE(ServiceConfig::is_valid_vault_name(name)) << name;
  }
  for (const char* name : {"ab", "1vault", "vault-", "engram--staging", "engram_staging",
                           "engram.staging", "a234567890123456789012345"}) {
    EXPECT_FALSE(ServiceConfig::is_valid_vault_name(name)) << name;
  }
  Variables variables = staging_variables();
  variables["AZURE_KEY_VAULT_NAME"] = "engram--staging";
  variables["AZURE_KEYVAULT_URL"] = "https://engram--staging.vault.azure.net/";
  EXPECT_THAT([&] { load(variables); }, ThrowsMessage<ConfigError>(HasSubstr("AZURE_KEY_VAULT_NAME")));
}

TEST(TestServiceConfig, test_ai_endpoint_is_optional_but_https) {
  Variables variables = staging_variables();
  EXPECT_EQ(load(variables).ai_endpoint, std::nullopt);
  EXPECT_FALSE(load(variables).ai_key_present);

  variables["AZURE_AI_ENDPOINT"] = "";
  variables["AZURE_AI_KEY"] = "";
  EXPECT_EQ(load(variables).ai_endpoint, std::nullopt);
  EXPECT_FALSE(load(variables).ai_key_present);

  variables["AZURE_AI_ENDPOINT"] = "http://engram-staging.openai.azure.com/";
  EXPECT_THAT([&] { load(variables); }, ThrowsMessage<ConfigError>(HasSubstr("AZURE_AI_ENDPOINT")));
}

TEST(TestServiceConfig, test_summary_redacts_the_ai_key) {
  Variables variables = staging_variables();
  variables["AZURE_AI_KEY"] = "super-secret-key-value";

  const std::string summary = load(variables).summary();

  EXPECT_THAT(summary, Not(HasSubstr("super-secret-key-value")));
  EXPECT_THAT(summary, HasSubstr("ai_key=set (redacted)"));
  EXPECT_THAT(summary, HasSubstr("ai_endpoint=not set"));
}

}  // namespace
}  // namespace engram
