#include "engram/vault_client.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include "engram/services.hpp"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace engram {
namespace {

// --- The few calls that differ between POSIX sockets and Winsock ---------

#ifdef _WIN32
using Socket = SOCKET;
const Socket no_socket = INVALID_SOCKET;
void close_socket(Socket socket) { closesocket(socket); }
int last_error() { return WSAGetLastError(); }
bool connect_in_progress(int error) { return error == WSAEWOULDBLOCK; }
std::string error_text(int error) { return "Winsock error " + std::to_string(error); }
std::string lookup_error_text(int error) { return gai_strerrorA(error); }
bool set_nonblocking(Socket socket) {
  u_long on = 1;
  return ioctlsocket(socket, FIONBIO, &on) == 0;
}
int poll_one(pollfd& entry, int timeout_ms) { return WSAPoll(&entry, 1, timeout_ms); }
bool interrupted(int) { return false; }

// Winsock must be started before getaddrinfo.
class Sockets {
 public:
  Sockets() {
    WSADATA data;
    started_ = WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }
  ~Sockets() {
    if (started_) WSACleanup();
  }
  Sockets(const Sockets&) = delete;
  Sockets& operator=(const Sockets&) = delete;

 private:
  bool started_ = false;
};
#else
using Socket = int;
const Socket no_socket = -1;
void close_socket(Socket socket) { close(socket); }
int last_error() { return errno; }
bool connect_in_progress(int error) { return error == EINPROGRESS; }
std::string error_text(int error) { return std::strerror(error); }
std::string lookup_error_text(int error) {
  return error == EAI_SYSTEM ? error_text(errno) : gai_strerror(error);
}
bool set_nonblocking(Socket socket) {
  const int flags = fcntl(socket, F_GETFL, 0);
  return flags >= 0 && fcntl(socket, F_SETFL, flags | O_NONBLOCK) == 0;
}
int poll_one(pollfd& entry, int timeout_ms) { return poll(&entry, 1, timeout_ms); }
bool interrupted(int error) { return error == EINTR; }

// Nothing to start.
class Sockets {};
#endif

// Closes the socket when it goes out of scope.
class OpenSocket {
 public:
  explicit OpenSocket(Socket socket) : socket_(socket) {}
  ~OpenSocket() {
    if (socket_ != no_socket) close_socket(socket_);
  }
  OpenSocket(const OpenSocket&) = delete;
  OpenSocket& operator=(const OpenSocket&) = delete;
  Socket get() const { return socket_; }

 private:
  Socket socket_;
};

// Frees the lookup's result when it goes out of scope.
class Addresses {
 public:
  Addresses() = default;
  ~Addresses() {
    if (list_ != nullptr) freeaddrinfo(list_);
  }
  Addresses(const Addresses&) = delete;
  Addresses& operator=(const Addresses&) = delete;
  addrinfo** out() { return &list_; }
  const addrinfo* first() const { return list_; }

 private:
  addrinfo* list_ = nullptr;
};

// Connects to one address within timeout_ms: "" when connected, else why not.
std::string connect_one(const addrinfo& address, int timeout_ms) {
  const OpenSocket socket(::socket(address.ai_family, address.ai_socktype, address.ai_protocol));
  if (socket.get() == no_socket) return error_text(last_error());
  if (!set_nonblocking(socket.get())) return error_text(last_error());
  if (::connect(socket.get(), address.ai_addr, static_cast<socklen_t>(address.ai_addrlen)) == 0) {
    return "";
  }
  const int error = last_error();
  if (!connect_in_progress(error)) return error_text(error);

  pollfd entry{};
  entry.fd = socket.get();
  entry.events = POLLOUT;
  int ready = 0;
  do {
    ready = poll_one(entry, timeout_ms);
  } while (ready < 0 && interrupted(last_error()));
  if (ready == 0) return "timed out after " + std::to_string(timeout_ms) + " ms";
  if (ready < 0) return error_text(last_error());

  int outcome = 0;
  socklen_t size = sizeof outcome;
  if (getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&outcome), &size) !=
      0) {
    return error_text(last_error());
  }
  return outcome == 0 ? "" : error_text(outcome);
}

}  // namespace

std::string VaultReach::describe() const {
  const std::string where = host + ":" + std::to_string(port);
  return reached() ? where + " connected" : where + " unreachable (" + error + ")";
}

VaultClient::VaultClient(const ServiceConfig& config, std::chrono::milliseconds timeout)
    : VaultClient(config.key_vault_url, timeout) {}

VaultClient::VaultClient(const std::string& vault_url, std::chrono::milliseconds timeout)
    : host_(host_of(vault_url)), timeout_(timeout) {}

std::string VaultClient::host_of(const std::string& url) {
  const std::string scheme = "https://";
  if (url.rfind(scheme, 0) != 0) throw ConfigError("vault URL '" + url + "' is not an https:// URL");
  const std::string rest = url.substr(scheme.size());
  const std::string host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty()) throw ConfigError("vault URL '" + url + "' has no host");
  if (host.find_first_of(":@") != std::string::npos) {
    throw ConfigError("vault URL '" + url + "' names a port or a user; a vault has neither");
  }
  return host;
}

VaultReach VaultClient::reach() const {
  VaultReach reach;
  reach.host = host_;
  reach.port = https_port;

  [[maybe_unused]] Sockets sockets;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  Addresses addresses;
  const std::string port = std::to_string(https_port);
  const int looked_up = getaddrinfo(host_.c_str(), port.c_str(), &hints, addresses.out());
  if (looked_up != 0) {
    reach.outcome = VaultReach::Outcome::LookupFailed;
    reach.error = "lookup failed: " + lookup_error_text(looked_up);
    return reach;
  }

  std::string why = "no address";
  for (const addrinfo* address = addresses.first(); address != nullptr;
       address = address->ai_next) {
    why = connect_one(*address, static_cast<int>(timeout_.count()));
    if (why.empty()) {
      reach.outcome = VaultReach::Outcome::Connected;
      return reach;
    }
  }
  reach.outcome = VaultReach::Outcome::ConnectFailed;
  reach.error = "connect failed: " + why;
  return reach;
}

void VaultClient::require_reachable() const {
  const VaultReach found = reach();
  if (!found.reached()) throw ServiceUnavailable("Key Vault " + found.describe());
}

}  // namespace engram
