// The pytest policy's staging checks, from inside the test binary: the variables
// StagingTests forces arrive in the process environment, and the services'
// configuration reads them.
#include <cstdlib>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engram/service_config.hpp"

namespace engram {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;

constexpr const char* staging_vault = "engram-staging-vault";
constexpr const char* staging_vault_url = "https://engram-staging-vault.vault.azure.net/";

std::optional<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

TEST(TestStagingEnvironment, test_environment_is_staging) {
  EXPECT_THAT(variable("ENVIRONMENT"), Optional(std::string("staging")));
}

TEST(TestStagingEnvironment, test_key_vault_name_is_staging_vault) {
  EXPECT_THAT(variable("AZURE_KEY_VAULT_NAME"), Optional(std::string(staging_vault)));
}

TEST(TestStagingEnvironment, test_key_vault_url_is_the_staging_vault_url) {
  EXPECT_THAT(variable("AZURE_KEYVAULT_URL"), Optional(std::string(staging_vault_url)));
  EXPECT_EQ(ServiceConfig::vault_url_for(staging_vault), staging_vault_url);
}

TEST(TestStagingEnvironment, test_service_config_reads_forced_variables) {
  const ServiceConfig config = ServiceConfig::from_environment();

  EXPECT_EQ(config.environment, "staging");
  EXPECT_EQ(config.key_vault_name, staging_vault);
  EXPECT_EQ(config.key_vault_url, staging_vault_url);
}

TEST(TestStagingEnvironment, test_ai_variables_pass_through_from_the_caller) {
  const ServiceConfig config = ServiceConfig::from_environment();

  EXPECT_EQ(config.ai_endpoint, variable("AZURE_AI_ENDPOINT"));
  EXPECT_EQ(config.ai_key_present, variable("AZURE_AI_KEY").has_value());
}

TEST(TestStagingEnvironment, test_config_summary_names_staging_and_hides_the_ai_key) {
  const std::string summary = ServiceConfig::from_environment().summary();

  EXPECT_THAT(summary, HasSubstr("environment=staging"));
  EXPECT_THAT(summary, HasSubstr(std::string("vault=") + staging_vault));
  if (const auto key = variable("AZURE_AI_KEY")) {
    EXPECT_THAT(summary, Not(HasSubstr(*key)));
    EXPECT_THAT(summary, HasSubstr("ai_key=set (redacted)"));
  } else {
    EXPECT_THAT(summary, HasSubstr("ai_key=not set"));
  }
}

}  // namespace
}  // namespace engram
