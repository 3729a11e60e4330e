// A memory service smoke test: it refuses to start outside staging itself, as
// a service under test would.
#include <exception>
#include <iostream>

#include "vault_config.hpp"

int main() {
  try {
    const auto config = quickstart::vault_config_from_environment();
    if (config.environment != "staging") {
      std::cerr << "memory_smoke: environment " << config.environment << " is not staging\n";
      return 1;
    }
    std::cout << "memory_smoke: " << config.environment << " via " << config.vault_url << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "memory_smoke: " << error.what() << "\n";
    return 1;
  }
}
