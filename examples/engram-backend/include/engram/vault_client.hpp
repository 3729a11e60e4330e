// The Key Vault the services take their secrets from: the memory client's
// connection to the vault host of AZURE_KEYVAULT_URL. It resolves the host
// (getaddrinfo) and opens a TCP connection to it on port 443, with plain
// sockets; it stops there (no TLS, no request), which is what a test needs to
// show which host the code reaches.
#pragma once

#include <chrono>
#include <string>

#include "engram/service_config.hpp"

namespace engram {

// What one attempt to reach the vault found.
struct VaultReach {
  enum class Outcome {
    Connected,      // a TCP connection was opened (and closed again)
    LookupFailed,   // getaddrinfo failed: no DNS, no such name, or refused
    ConnectFailed,  // every address refused, timed out or was unreachable
  };

  std::string host;  // the host the client tried
  int port = 443;
  Outcome outcome = Outcome::LookupFailed;
  std::string error;  // "" when connected; else "lookup failed: ..." or "connect failed: ..."

  bool reached() const { return outcome == Outcome::Connected; }
  // "<host>:<port> connected" or "<host>:<port> unreachable (<error>)".
  std::string describe() const;
};

class VaultClient {
 public:
  static constexpr int https_port = 443;

  // The vault of config.key_vault_url (AZURE_KEYVAULT_URL).
  explicit VaultClient(const ServiceConfig& config,
                       std::chrono::milliseconds timeout = std::chrono::seconds(3));
  // The vault at an https:// URL; throws ConfigError when it is not one.
  explicit VaultClient(const std::string& vault_url,
                       std::chrono::milliseconds timeout = std::chrono::seconds(3));

  // The host of an https:// URL ("https://<host>/..."); throws ConfigError
  // when the URL is not https://, has no host, or names a port.
  static std::string host_of(const std::string& url);

  const std::string& host() const { return host_; }

  // Resolves the host and connects to each address in turn until one
  // answers. A lookup or connection that fails is an unreachable vault,
  // never an exception.
  VaultReach reach() const;

  // reach(), and throws ServiceUnavailable naming the host and the error
  // when the vault is unreachable (the routers answer 503).
  void require_reachable() const;

 private:
  std::string host_;
  std::chrono::milliseconds timeout_;
};

}  // namespace engram
