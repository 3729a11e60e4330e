#include "vault_config.hpp"

#include <cstdlib>
#include <stdexcept>

namespace quickstart {
namespace {

std::string required(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) + " is not set");
  }
  return value;
}

}  // namespace

VaultConfig vault_config_from_environment() {
  return {required("ENVIRONMENT"), required("AZURE_KEY_VAULT_NAME"),
          required("AZURE_KEYVAULT_URL")};
}

}  // namespace quickstart
