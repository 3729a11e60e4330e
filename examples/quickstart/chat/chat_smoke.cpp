// A chat service smoke test: it must be configured for the staging vault.
#include <cstring>
#include <exception>
#include <iostream>

#include "vault_config.hpp"

int main(int argc, char** argv) {
  const bool fast = argc > 1 && std::strcmp(argv[1], "--fast") == 0;
  try {
    const auto config = quickstart::vault_config_from_environment();
    if (config.vault_url != "https://" + config.vault_name + ".vault.azure.net/") {
      std::cerr << "chat_smoke: vault URL " << config.vault_url << " is not the URL of "
                << config.vault_name << "\n";
      return 1;
    }
    std::cout << "chat_smoke" << (fast ? " (fast)" : "") << ": " << config.environment
              << " via " << config.vault_name << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "chat_smoke: " << error.what() << "\n";
    return 1;
  }
}
