// What a service reads from its environment before it talks to Azure.
#pragma once

#include <string>

namespace quickstart {

struct VaultConfig {
  std::string environment;
  std::string vault_name;
  std::string vault_url;
};

// Reads ENVIRONMENT, AZURE_KEY_VAULT_NAME and AZURE_KEYVAULT_URL; throws
// std::runtime_error naming the variable when one is missing.
VaultConfig vault_config_from_environment();

}  // namespace quickstart
