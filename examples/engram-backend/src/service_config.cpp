#include "engram/service_config.hpp"

#include <cstdlib>

#include "validation.hpp"

namespace engram {
namespace {

std::optional<std::string> optional_variable(const ServiceConfig::Lookup& lookup,
                                             const char* name) {
  auto value = lookup(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

std::string required_variable(const ServiceConfig::Lookup& lookup, const char* name) {
  auto value = optional_variable(lookup, name);
  if (!value) throw ConfigError(std::string(name) + " is not set");
  return *value;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

ServiceConfig ServiceConfig::from_environment() {
  return from_lookup([](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
}

ServiceConfig ServiceConfig::from_lookup(const Lookup& lookup) {
  ServiceConfig config;
  config.environment = lower(detail::trim(required_variable(lookup, "ENVIRONMENT")));
  if (config.environment.empty()) throw ConfigError("ENVIRONMENT is blank");

  config.key_vault_name = required_variable(lookup, "AZURE_KEY_VAULT_NAME");
  if (!is_valid_vault_name(config.key_vault_name)) {
    throw ConfigError("AZURE_KEY_VAULT_NAME '" + config.key_vault_name +
                      "' is not a valid Key Vault name");
  }

  config.key_vault_url = required_variable(lookup, "AZURE_KEYVAULT_URL");
  const std::string expected = vault_url_for(config.key_vault_name);
  if (config.key_vault_url != expected) {
    throw ConfigError("AZURE_KEYVAULT_URL '" + config.key_vault_url + "' is not the URL of vault '" +
                      config.key_vault_name + "' (expected '" + expected + "')");
  }

  config.ai_endpoint = optional_variable(lookup, "AZURE_AI_ENDPOINT");
  if (config.ai_endpoint &&
      (config.ai_endpoint->rfind("https://", 0) != 0 || config.ai_endpoint->size() <= 8)) {
    throw ConfigError("AZURE_AI_ENDPOINT '" + *config.ai_endpoint + "' is not an https:// URL");
  }
  config.ai_key_present = optional_variable(lookup, "AZURE_AI_KEY").has_value();
  return config;
}

std::string ServiceConfig::vault_url_for(const std::string& vault_name) {
  return "https://" + vault_name + ".vault.azure.net/";
}

bool ServiceConfig::is_valid_vault_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 24) return false;
  const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!is_letter(name.front())) return false;
  if (!is_letter(name.back()) && !is_digit(name.back())) return false;
  char previous = '\0';
  for (const char c : name) {
    if (!is_letter(c) && !is_digit(c) && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

std::string ServiceConfig::summary() const {
  return "environment=" + environment + " vault=" + key_vault_name + " url=" + key_vault_url +
         " ai_endpoint=" + (ai_endpoint ? *ai_endpoint : "not set") +
         " ai_key=" + (ai_key_present ? "set (redacted)" : "not set");
}

}  // namespace engram
