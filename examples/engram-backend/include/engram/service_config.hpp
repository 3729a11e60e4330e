// Where the services find Azure: read from the process environment, which
// StagingTests forces for every test.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace engram {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ServiceConfig {
  std::string environment;     // ENVIRONMENT, trimmed and lower-cased
  std::string key_vault_name;  // AZURE_KEY_VAULT_NAME
  std::string key_vault_url;   // AZURE_KEYVAULT_URL
  std::optional<std::string> ai_endpoint;  // AZURE_AI_ENDPOINT, when set
  bool ai_key_present = false;  // AZURE_AI_KEY is set; its value stays in the environment

  // Returns the value of a variable, or std::nullopt when it is not set.
  using Lookup = std::function<std::optional<std::string>(const std::string& name)>;

  // Reads ENVIRONMENT, AZURE_KEY_VAULT_NAME, AZURE_KEYVAULT_URL (required),
  // AZURE_AI_ENDPOINT and AZURE_AI_KEY (optional; empty counts as not set).
  // Throws ConfigError naming the variable when:
  //   - a required variable is missing or empty;
  //   - the vault name breaks Azure's rule (3 to 24 letters, digits and
  //     hyphens, starting with a letter, ending with a letter or digit, no
  //     "--");
  //   - the URL is not exactly https://<vault name>.vault.azure.net/;
  //   - AZURE_AI_ENDPOINT is set and is not an https:// URL.
  static ServiceConfig from_environment();
  static ServiceConfig from_lookup(const Lookup& lookup);

  static std::string vault_url_for(const std::string& vault_name);
  static bool is_valid_vault_name(const std::string& vault_name);

  // One line for logs; never shows the AI key.
  std::string summary() const;
};

}  // namespace engram
