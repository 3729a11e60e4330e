// The network guard's rules: may a test's process resolve this name, connect
// or send to this address? Pure functions of a NetworkPolicy (policy.hpp)
// and their arguments, for the preloaded guard (staging_preload.cpp), which
// runs inside arbitrary processes before main: so this header uses the C
// library and POSIX only. Nothing allocates, throws, or needs a symbol of
// the C++ runtime library; no function here is recursive.
//
// THE rule for names (decide_name), ASCII case ignored, one trailing '.'
// ignored:
//   Off      everything is reachable.
//   an IP literal name (parse_ip) is judged as that address (decide_ip).
//   Words, Strict: a name holding a refused word as a whole word
//            (contains_word, rules_core.hpp) is refused: "prod" refuses
//            engram-prod-vault.vault.azure.net, not products.example.com.
//   "localhost" and "*.localhost" are reachable iff policy.loopback.
//   Strict:  otherwise only a name a Host entry's glob matches, on a port of
//            the entry's range (an unknown port, -1, is in every range).
//   Words:   otherwise reachable.
//
// THE rule for addresses (decide_ip, decide_address), in this order:
//   Off      everything is reachable.
//   Strict:  an address a Network entry holds, on a port of its range, is
//            reachable.
//   loopback (127.0.0.0/8, ::1) and the unspecified address (0.0.0.0, ::,
//            which Linux connects to the local host) are reachable iff
//            policy.loopback.
//   the name the address was resolved from, when known, decides it by the
//            rule for names (with the address's port).
//   Words:   otherwise reachable. Strict: otherwise refused.
//   AF_UNIX: reachable in Words; in Strict iff a Unix entry's glob matches
//            the path ("@name" for an abstract socket; an unnamed one is
//            reachable).
//   Every other family (AF_UNSPEC, AF_NETLINK, ...), and an AF_INET or
//   AF_INET6 address too short for the kernel to accept, is let through.
//
// An allowed verdict always has rule None; a refused one names its rule.
//
// NETWORK_ALLOW entries (parse_allow_entry; cmake/StagingTestsNetwork.cmake
// checks the same grammar at configure time, this parser has the last word):
//
//   unix:<path-glob>          unix:/run/app/*.sock, unix:@name (abstract);
//                             the glob is any non-empty text, matched case
//                             sensitively; "unix:" always starts a Unix entry
//   a.b.c.d[/prefix][:ports]  10.0.0.0/8, 127.0.0.2:8080; no prefix is /32
//   [v6[/prefix]][:ports]     [::1], [fd00::/8]:443; no prefix is /128
//   v6[/prefix]               fd00::/8: without brackets (two ':' or more),
//                             never with ports
//   host-glob[:ports]         api.example.com, *.staging.example.com:443;
//                             letters, digits, '-', '.', '_', '*', '?' only;
//                             "*" matches every name. A glob of digits, '.',
//                             '*' and '?' only ("10.0.0", "10.*") is refused:
//                             resolvers read such names as numbers, even in
//                             octal, so write the address or network.
//                             One trailing '.' is dropped.
//   ports                     N, N-M (N <= M) or *, decimal 0-65535; none
//                             is every port
//
// Addresses are exact text (parse_ip): a dotted quad is four decimal parts
// 0-255 without a sign or leading zeros ("010" is refused: inet_aton reads it
// as octal 8); IPv6 is 1-4 hex digits a group, one '::' standing for one or
// more zero groups, an optional dotted-quad tail, no zone id ("%eth0"). A
// prefix is decimal, 0-32 for IPv4 and 0-128 for IPv6; the address's bits
// past the prefix are ignored. An IPv4-mapped IPv6 address (::ffff:a.b.c.d)
// is the IPv4 address everywhere (a mapped network needs a prefix of 96 or
// more, and becomes an IPv4 network); so "[::/0]" holds every IPv6 address
// but no IPv4 one.
//
// Globs (glob_match): '*' matches any run of bytes, '.' and '/' included,
// '?' exactly one byte; nothing else is special.
#ifndef STAGING_NETWORK_RULES_HPP
#define STAGING_NETWORK_RULES_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(_WIN32)
// The address families from Winsock: the policy's NETWORK_ALLOW entries are
// validated on every platform, while the functions of socket addresses are
// for the Linux network guard only (marked below).
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#else
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#endif

#include "staging/policy.hpp"
#include "staging/rules_core.hpp"

namespace staging {

enum class NetworkRule { None, RefusedWord, NotAllowed, Loopback };

struct NetworkVerdict {
  bool allowed = true;
  NetworkRule rule = NetworkRule::None;
  std::string_view word;  // RefusedWord: the refused word that matched
};

namespace network_detail {

inline constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// string_view::substr may throw (a libstdc++ symbol); these never do.
constexpr std::string_view slice(std::string_view text, std::size_t from,
                                 std::size_t count) noexcept {
  return std::string_view(text.data() + from, count);
}

constexpr std::string_view slice_from(std::string_view text, std::size_t from) noexcept {
  return std::string_view(text.data() + from, text.size() - from);
}

constexpr std::size_t find_char(std::string_view text, char c, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == c) return i;
  }
  return kNone;
}

constexpr std::size_t count_char(std::string_view text, char c) noexcept {
  std::size_t count = 0;
  for (char each : text) count += each == c ? 1 : 0;
  return count;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr bool ends_with_ignoring_ascii_case(std::string_view text, std::string_view suffix) noexcept {
  return text.size() >= suffix.size() &&
         equals_ignoring_ascii_case(slice_from(text, text.size() - suffix.size()), suffix);
}

// Decimal digits only (leading zeros allowed), at most `max`.
constexpr bool parse_decimal(std::string_view text, unsigned max, unsigned& out) noexcept {
  if (text.empty()) return false;
  unsigned value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > max) return false;
  }
  out = value;
  return true;
}

}  // namespace network_detail

// --- Globs -------------------------------------------------------------------

// '*' matches any run of bytes (dots included), '?' exactly one byte; ASCII
// case ignored when `ignore_case`. The classic single-backtrack match: after
// a mismatch only the last '*' retries, one byte further, so the worst case
// is O(pattern * text), with no recursion.
constexpr bool glob_match(std::string_view pattern, std::string_view text,
                          bool ignore_case) noexcept {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = network_detail::kNone;  // the last '*' seen
  std::size_t star_text = 0;                 // where the text stood after it
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || pattern[p] == text[t] ||
                (ignore_case && ascii_lower(pattern[p]) == ascii_lower(text[t])))) {
      ++p;
      ++t;
    } else if (star != network_detail::kNone) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Whether one of `patterns` matches `text` (ASCII case kept): the rule of
// NETWORK_UNGUARDED_TESTS (test names) and NETWORK_UNGUARDED_PROGRAMS
// (program paths).
constexpr bool matches_any(Span<std::string_view> patterns, std::string_view text) noexcept {
  for (std::string_view pattern : patterns) {
    if (glob_match(pattern, text, false)) return true;
  }
  return false;
}

// --- Addresses ---------------------------------------------------------------

// family is AF_INET (bytes[0..3], the rest zero) or AF_INET6; 0 is none.
struct IpAddress {
  int family = 0;
  unsigned char bytes[16] = {};
};

constexpr bool operator==(const IpAddress& a, const IpAddress& b) noexcept {
  if (a.family != b.family) return false;
  for (int i = 0; i < 16; ++i) {
    if (a.bytes[i] != b.bytes[i]) return false;
  }
  return true;
}

constexpr bool operator!=(const IpAddress& a, const IpAddress& b) noexcept { return !(a == b); }

namespace network_detail {

// Four decimal parts 0-255, no sign, no leading zeros; writes 4 bytes.
constexpr bool parse_ipv4(std::string_view text, unsigned char* out) noexcept {
  unsigned char parts[4] = {};
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= text.size() || text[i] != '.') return false;
      ++i;
    }
    const std::size_t start = i;
    unsigned value = 0;
    while (i < text.size() && is_digit(text[i]) && i - start < 4) {
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
      ++i;
    }
    const std::size_t digits = i - start;
    if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0')) return false;
    parts[part] = static_cast<unsigned char>(value);
  }
  if (i != text.size()) return false;
  for (int part = 0; part < 4; ++part) out[part] = parts[part];
  return true;
}

// An IPv4-mapped IPv6 address becomes the IPv4 address.
constexpr void normalise_mapped(IpAddress& address) noexcept {
  if (address.family != AF_INET6) return;
  for (int i = 0; i < 10; ++i) {
    if (address.bytes[i] != 0) return;
  }
  if (address.bytes[10] != 0xff || address.bytes[11] != 0xff) return;
  address.family = AF_INET;
  for (int i = 0; i < 4; ++i) address.bytes[i] = address.bytes[12 + i];
  for (int i = 4; i < 16; ++i) address.bytes[i] = 0;
}

constexpr bool parse_ipv6(std::string_view text, IpAddress& out) noexcept {
  unsigned char bytes[16] = {};
  std::size_t groups = 0;   // 16-bit groups written so far
  std::size_t gap = kNone;  // the group '::' stands before
  const std::size_t n = text.size();
  std::size_t i = 0;
  if (n >= 2 && text[0] == ':' && text[1] == ':') {
    gap = 0;
    i = 2;
  } else if (n == 0 || text[0] == ':') {
    return false;
  }
  while (i < n) {
    std::size_t end = i;
    while (end < n && hex_value(text[end]) >= 0) ++end;
    if (end < n && text[end] == '.') {
      // The dotted-quad tail: the last 32 bits.
      if (groups > 6 || !parse_ipv4(slice_from(text, i), bytes + 2 * groups)) return false;
      groups += 2;
      break;
    }
    const std::size_t digits = end - i;
    if (digits == 0 || digits > 4 || groups == 8) return false;
    unsigned value = 0;
    for (std::size_t k = i; k < end; ++k) value = value * 16 + static_cast<unsigned>(hex_value(text[k]));
    bytes[2 * groups] = static_cast<unsigned char>(value >> 8);
    bytes[2 * groups + 1] = static_cast<unsigned char>(value & 0xff);
    ++groups;
    i = end;
    if (i == n) break;
    if (text[i] != ':') return false;
    ++i;
    if (i < n && text[i] == ':') {
      if (gap != kNone) return false;
      gap = groups;
      ++i;
    } else if (i == n) {
      return false;  // a single ':' at the end
    }
  }
  if (gap == kNone) {
    if (groups != 8) return false;
  } else {
    if (groups > 7) return false;  // '::' stands for one zero group at least
    // Move the groups after the gap to the end, zeros in between.
    const std::size_t after = groups - gap;
    for (std::size_t k = 0; k < 2 * after; ++k) {
      const std::size_t from = 2 * groups - 1 - k;
      const std::size_t to = 15 - k;
      bytes[to] = bytes[from];
    }
    for (std::size_t k = 2 * gap; k < 16 - 2 * after; ++k) bytes[k] = 0;
  }
  IpAddress result;
  result.family = AF_INET6;
  for (int k = 0; k < 16; ++k) result.bytes[k] = bytes[k];
  normalise_mapped(result);
  out = result;
  return true;
}

}  // namespace network_detail

// The exact text forms of the header comment. `out` is left as it was when
// the text is not an address.
constexpr bool parse_ip(std::string_view text, IpAddress& out) noexcept {
  IpAddress result;
  if (network_detail::parse_ipv4(text, result.bytes)) {
    result.family = AF_INET;
    out = result;
    return true;
  }
  return network_detail::parse_ipv6(text, out);
}

// 127.0.0.0/8 and ::1.
constexpr bool is_loopback(const IpAddress& address) noexcept {
  if (address.family == AF_INET) return address.bytes[0] == 127;
  if (address.family != AF_INET6) return false;
  for (int i = 0; i < 15; ++i) {
    if (address.bytes[i] != 0) return false;
  }
  return address.bytes[15] == 1;
}

// 0.0.0.0 and ::, which Linux connects to the local host.
constexpr bool is_unspecified(const IpAddress& address) noexcept {
  if (address.family != AF_INET && address.family != AF_INET6) return false;
  for (unsigned char byte : address.bytes) {
    if (byte != 0) return false;
  }
  return true;
}

#if !defined(_WIN32)  // the socket calls only the Linux network guard judges
// AF_INET (length >= sizeof(sockaddr_in)) or AF_INET6 (length >= 24, what the
// kernel accepts, RFC 2133's size without sin6_scope_id), mapped addresses as
// IPv4; `port` in host order. False, `out` and `port` untouched, for another
// family or a shorter length.
inline bool ip_from_sockaddr(const sockaddr* address, socklen_t length, IpAddress& out,
                             int& port) noexcept {
  constexpr std::size_t kFamilyEnd = offsetof(sockaddr, sa_family) + sizeof(sa_family_t);
  if (address == nullptr || length < kFamilyEnd) return false;
  sa_family_t family = 0;
  std::memcpy(&family, reinterpret_cast<const char*>(address) + offsetof(sockaddr, sa_family),
              sizeof family);
  IpAddress result;
  unsigned char port_bytes[2] = {};
  if (family == AF_INET) {
    if (length < sizeof(sockaddr_in)) return false;
    sockaddr_in in{};
    std::memcpy(&in, address, sizeof in);
    result.family = AF_INET;
    std::memcpy(result.bytes, &in.sin_addr, 4);
    std::memcpy(port_bytes, &in.sin_port, 2);
  } else if (family == AF_INET6) {
    constexpr std::size_t kMinimum = offsetof(sockaddr_in6, sin6_scope_id);
    if (length < kMinimum) return false;
    sockaddr_in6 in6{};
    std::memcpy(&in6, address, length < sizeof in6 ? static_cast<std::size_t>(length) : sizeof in6);
    result.family = AF_INET6;
    std::memcpy(result.bytes, &in6.sin6_addr, 16);
    std::memcpy(port_bytes, &in6.sin6_port, 2);
    network_detail::normalise_mapped(result);
  } else {
    return false;
  }
  out = result;
  port = (port_bytes[0] << 8) | port_bytes[1];
  return true;
}

// The sockaddr_in or sockaddr_in6 of an address (port in host order) in
// `storage`; returns its length, 0 when `address` has no family.
inline socklen_t sockaddr_of(const IpAddress& address, int port, sockaddr_storage& storage) noexcept {
  std::memset(&storage, 0, sizeof storage);
  const unsigned char port_bytes[2] = {static_cast<unsigned char>((port >> 8) & 0xff),
                                       static_cast<unsigned char>(port & 0xff)};
  if (address.family == AF_INET) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    std::memcpy(&in.sin_port, port_bytes, 2);
    std::memcpy(&in.sin_addr, address.bytes, 4);
    std::memcpy(&storage, &in, sizeof in);
    return sizeof in;
  }
  if (address.family == AF_INET6) {
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    std::memcpy(&in6.sin6_port, port_bytes, 2);
    std::memcpy(&in6.sin6_addr, address.bytes, 16);
    std::memcpy(&storage, &in6, sizeof in6);
    return sizeof in6;
  }
  return 0;
}

#endif  // !_WIN32

// --- Allow-list entries --------------------------------------------------------

enum class AllowKind { Host, Network, Unix };

struct AllowEntry {
  AllowKind kind = AllowKind::Host;
  std::string_view pattern;  // Host: host glob; Unix: path glob; Network: the address text
  IpAddress network;         // Network
  int prefix = 0;            // Network: 0-32 (IPv4) or 0-128 (IPv6)
  std::uint16_t first_port = 0, last_port = 65535;
};

namespace network_detail {

// "N", "N-M" (N <= M) or "*".
constexpr bool parse_ports(std::string_view text, std::uint16_t& first, std::uint16_t& last) noexcept {
  if (text == "*") {
    first = 0;
    last = 65535;
    return true;
  }
  const std::size_t dash = find_char(text, '-');
  unsigned low = 0;
  unsigned high = 0;
  if (dash == kNone) {
    if (!parse_decimal(text, 65535, low)) return false;
    high = low;
  } else if (!parse_decimal(slice(text, 0, dash), 65535, low) ||
             !parse_decimal(slice_from(text, dash + 1), 65535, high) || low > high) {
    return false;
  }
  first = static_cast<std::uint16_t>(low);
  last = static_cast<std::uint16_t>(high);
  return true;
}

// "address[/prefix]": IPv4 text when `v6` is false, IPv6 text otherwise.
constexpr bool parse_network(std::string_view text, bool v6, AllowEntry& entry) noexcept {
  const std::size_t slash = find_char(text, '/');
  const std::string_view address = slash == kNone ? text : slice(text, 0, slash);
  IpAddress ip;
  if (v6 ? !parse_ipv6(address, ip) : !parse_ipv4(address, ip.bytes)) return false;
  if (!v6) ip.family = AF_INET;
  const unsigned text_bits = v6 ? 128 : 32;
  unsigned prefix = text_bits;
  if (slash != kNone && !parse_decimal(slice_from(text, slash + 1), text_bits, prefix)) return false;
  if (v6 && ip.family == AF_INET) {
    // A mapped network: IPv4 only when the prefix covers the ::ffff: part.
    if (prefix < 96) return false;
    prefix -= 96;
  }
  entry.pattern = address;
  entry.network = ip;
  entry.prefix = static_cast<int>(prefix);
  return true;
}

constexpr bool is_host_glob(std::string_view glob) noexcept {
  if (glob.empty()) return false;
  bool numeric = true;  // digits, '.', '*' and '?' only
  bool digit = false;
  for (char c : glob) {
    if (!is_ascii_alphanumeric(c) && c != '-' && c != '.' && c != '_' && c != '*' && c != '?') {
      return false;
    }
    digit = digit || is_digit(c);
    numeric = numeric && (is_digit(c) || c == '.' || c == '*' || c == '?');
  }
  return !(numeric && digit);
}

}  // namespace network_detail

// The entry forms of the header comment. `out` is left as it was when the
// text is not an entry.
constexpr bool parse_allow_entry(std::string_view text, AllowEntry& out) noexcept {
  using namespace network_detail;
  AllowEntry entry;
  constexpr std::string_view kUnix = "unix:";
  if (text.size() >= kUnix.size() && slice(text, 0, kUnix.size()) == kUnix) {
    if (text.size() == kUnix.size()) return false;
    entry.kind = AllowKind::Unix;
    entry.pattern = slice_from(text, kUnix.size());
    out = entry;
    return true;
  }
  std::string_view ports;
  if (!text.empty() && text[0] == '[') {
    const std::size_t close = find_char(text, ']');
    if (close == kNone) return false;
    const std::string_view rest = slice_from(text, close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':' || rest.size() == 1) return false;
      ports = slice_from(rest, 1);
    }
    entry.kind = AllowKind::Network;
    if (!parse_network(slice(text, 1, close - 1), true, entry)) return false;
  } else if (count_char(text, ':') >= 2) {
    entry.kind = AllowKind::Network;
    if (!parse_network(text, true, entry)) return false;
  } else {
    const std::size_t colon = find_char(text, ':');
    std::string_view host = text;
    if (colon != kNone) {
      host = slice(text, 0, colon);
      ports = slice_from(text, colon + 1);
      if (ports.empty()) return false;
    }
    AllowEntry network;
    network.kind = AllowKind::Network;
    if (parse_network(host, false, network)) {
      entry = network;
    } else {
      if (!host.empty() && host.back() == '.') host.remove_suffix(1);
      if (!is_host_glob(host)) return false;
      entry.kind = AllowKind::Host;
      entry.pattern = host;
    }
  }
  if (!ports.empty() && !parse_ports(ports, entry.first_port, entry.last_port)) return false;
  out = entry;
  return true;
}

namespace network_detail {

constexpr bool port_in(const AllowEntry& entry, int port) noexcept {
  return port < 0 || (port >= entry.first_port && port <= entry.last_port);
}

constexpr bool network_holds(const AllowEntry& entry, const IpAddress& address) noexcept {
  if (entry.kind != AllowKind::Network || entry.network.family != address.family) return false;
  int bits = entry.prefix;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if (((entry.network.bytes[i] ^ address.bytes[i]) & mask) != 0) return false;
  }
  return true;
}

constexpr std::string_view without_trailing_dot(std::string_view name) noexcept {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

constexpr bool is_localhost(std::string_view name) noexcept {
  return equals_ignoring_ascii_case(name, "localhost") ||
         (name.size() > 10 && ends_with_ignoring_ascii_case(name, ".localhost"));
}

constexpr NetworkVerdict refused(NetworkRule rule, std::string_view word = {}) noexcept {
  NetworkVerdict verdict;
  verdict.allowed = false;
  verdict.rule = rule;
  verdict.word = word;
  return verdict;
}

// The rule for names, for a name that is not an IP literal (trailing '.'
// already dropped), in Words or Strict.
constexpr NetworkVerdict decide_host_name(const NetworkPolicy& policy, std::string_view name,
                                          int port) noexcept {
  for (std::string_view word : policy.refused_words) {
    if (contains_word(name, word)) return refused(NetworkRule::RefusedWord, word);
  }
  if (is_localhost(name)) {
    return policy.loopback ? NetworkVerdict{} : refused(NetworkRule::Loopback);
  }
  if (policy.mode != NetworkMode::Strict) return NetworkVerdict{};
  for (std::string_view text : policy.allowed) {
    AllowEntry entry;
    if (parse_allow_entry(text, entry) && entry.kind == AllowKind::Host &&
        port_in(entry, port) && glob_match(entry.pattern, name, true)) {
      return NetworkVerdict{};
    }
  }
  return refused(NetworkRule::NotAllowed);
}

}  // namespace network_detail

// --- Verdicts ----------------------------------------------------------------

// The rule for addresses (header comment) for an IP address; `port` in host
// order, negative when unknown (in every entry's range). `resolved_from` is
// the name the address came from, "" when not known.
constexpr NetworkVerdict decide_ip(const NetworkPolicy& policy, const IpAddress& address, int port,
                                   std::string_view resolved_from) noexcept {
  using namespace network_detail;
  if (policy.mode == NetworkMode::Off) return NetworkVerdict{};
  if (policy.mode == NetworkMode::Strict) {
    for (std::string_view text : policy.allowed) {
      AllowEntry entry;
      if (parse_allow_entry(text, entry) && network_holds(entry, address) && port_in(entry, port)) {
        return NetworkVerdict{};
      }
    }
  }
  if (is_loopback(address) || is_unspecified(address)) {
    return policy.loopback ? NetworkVerdict{} : refused(NetworkRule::Loopback);
  }
  const std::string_view name = without_trailing_dot(resolved_from);
  IpAddress literal;
  if (!name.empty() && !parse_ip(name, literal)) return decide_host_name(policy, name, port);
  return policy.mode == NetworkMode::Strict ? refused(NetworkRule::NotAllowed) : NetworkVerdict{};
}

// The rule for names (header comment). `port` is negative when unknown
// (getaddrinfo without a numeric service).
constexpr NetworkVerdict decide_name(const NetworkPolicy& policy, std::string_view host,
                                     int port) noexcept {
  if (policy.mode == NetworkMode::Off) return NetworkVerdict{};
  const std::string_view name = network_detail::without_trailing_dot(host);
  IpAddress literal;
  if (parse_ip(name, literal)) return decide_ip(policy, literal, port, {});
  return network_detail::decide_host_name(policy, name, port);
}

#if !defined(_WIN32)  // the socket calls only the Linux network guard judges
namespace network_detail {

// The path of an AF_UNIX address: the bytes up to the first NUL, or "@" and
// every byte of the name of an abstract socket. Empty for an unnamed socket.
struct UnixPath {
  char text[sizeof(sockaddr_un{}.sun_path) + 1] = {};
  std::size_t size = 0;
  std::string_view view() const noexcept { return std::string_view(text, size); }
};

inline void unix_path(const sockaddr* address, socklen_t length, UnixPath& path) noexcept {
  constexpr std::size_t kPathAt = offsetof(sockaddr_un, sun_path);
  std::size_t bytes = length < sizeof(sockaddr_un) ? static_cast<std::size_t>(length)
                                                   : sizeof(sockaddr_un);
  bytes = bytes > kPathAt ? bytes - kPathAt : 0;
  path.size = 0;
  if (bytes == 0) return;
  const char* from = reinterpret_cast<const char*>(address) + kPathAt;
  if (from[0] == '\0') {
    path.text[0] = '@';
    std::memcpy(path.text + 1, from + 1, bytes - 1);
    path.size = bytes;
  } else {
    while (path.size < bytes && from[path.size] != '\0') {
      path.text[path.size] = from[path.size];
      ++path.size;
    }
  }
}

}  // namespace network_detail

// The rule for addresses (header comment) for the address of connect(),
// sendto() or sendmsg(). `resolved_from`: as for decide_ip.
inline NetworkVerdict decide_address(const NetworkPolicy& policy, const sockaddr* address,
                                     socklen_t length, std::string_view resolved_from) noexcept {
  using namespace network_detail;
  constexpr std::size_t kFamilyEnd = offsetof(sockaddr, sa_family) + sizeof(sa_family_t);
  if (policy.mode == NetworkMode::Off || address == nullptr || length < kFamilyEnd) {
    return NetworkVerdict{};
  }
  sa_family_t family = 0;
  std::memcpy(&family, reinterpret_cast<const char*>(address) + offsetof(sockaddr, sa_family),
              sizeof family);
  if (family == AF_INET || family == AF_INET6) {
    IpAddress ip;
    int port = -1;
    // Too short: the kernel refuses the call (EINVAL) without reaching anything.
    if (!ip_from_sockaddr(address, length, ip, port)) return NetworkVerdict{};
    return decide_ip(policy, ip, port, resolved_from);
  }
  if (family != AF_UNIX || policy.mode != NetworkMode::Strict) return NetworkVerdict{};
  UnixPath path;
  unix_path(address, length, path);
  if (path.size == 0) return NetworkVerdict{};
  for (std::string_view text : policy.allowed) {
    AllowEntry entry;
    if (parse_allow_entry(text, entry) && entry.kind == AllowKind::Unix &&
        glob_match(entry.pattern, path.view(), false)) {
      return NetworkVerdict{};
    }
  }
  return refused(NetworkRule::NotAllowed);
}

#endif  // !_WIN32

// --- The hosts file ----------------------------------------------------------

// Calls found(const IpAddress&) once for each line of `text` (a hosts file:
// "address name alias... # comment", fields separated by ASCII whitespace,
// "\r\n" ends a line too) one of whose names, one trailing '.' dropped, holds
// a refused word. Nothing in Off mode. A line whose first field is not an
// exact address (parse_ip: "127.1" or "fe80::1%lo" are not) is skipped.
template <typename Found>
constexpr void refused_hosts_addresses(const NetworkPolicy& policy, std::string_view text,
                                       Found&& found) noexcept {
  using namespace network_detail;
  if (policy.mode == NetworkMode::Off) return;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = find_char(text, '\n', at);
    if (end == kNone) end = text.size();
    std::string_view line = slice(text, at, end - at);
    at = end + 1;
    const std::size_t hash = find_char(line, '#');
    if (hash != kNone) line = slice(line, 0, hash);
    IpAddress address;
    bool first = true;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && is_ascii_space(line[i])) ++i;
      const std::size_t start = i;
      while (i < line.size() && !is_ascii_space(line[i])) ++i;
      if (start == i) break;
      const std::string_view field = slice(line, start, i - start);
      if (first) {
        if (!parse_ip(field, address)) break;
        first = false;
        continue;
      }
      const std::string_view name = without_trailing_dot(field);
      bool holds = false;
      for (std::string_view word : policy.refused_words) holds = holds || contains_word(name, word);
      if (holds) {
        found(static_cast<const IpAddress&>(address));
        break;
      }
    }
  }
}

// --- Text for messages -------------------------------------------------------

// Short names: "word", "allow-list", "loopback" ("" for None).
constexpr std::string_view rule_name(NetworkRule rule) noexcept {
  switch (rule) {
    case NetworkRule::RefusedWord: return "word";
    case NetworkRule::NotAllowed: return "allow-list";
    case NetworkRule::Loopback: return "loopback";
    case NetworkRule::None: break;
  }
  return "";
}

// What refused it, for a sentence: "the word rule" (followed by the word,
// ("prod")), "the strict allow list", "loopback" ("" for None).
constexpr std::string_view rule_description(NetworkRule rule) noexcept {
  switch (rule) {
    case NetworkRule::RefusedWord: return "the word rule";
    case NetworkRule::NotAllowed: return "the strict allow list";
    case NetworkRule::Loopback: return "loopback";
    case NetworkRule::None: break;
  }
  return "";
}

// One line: how to fix a refusal ("" for None).
constexpr std::string_view rule_fix(NetworkRule rule) noexcept {
  switch (rule) {
    case NetworkRule::RefusedWord:
      return "reach the staging host instead, or change NETWORK_REFUSE in staging_tests_configure().";
    case NetworkRule::NotAllowed:
      return "add the host to NETWORK_ALLOW in staging_tests_configure(), or list the test in "
             "NETWORK_UNGUARDED_TESTS.";
    case NetworkRule::Loopback:
      return "set NETWORK_LOOPBACK ALLOW in staging_tests_configure().";
    case NetworkRule::None: break;
  }
  return "";
}

namespace network_detail {

// Appends to a NUL-terminated buffer, dropping what does not fit.
struct TextWriter {
  char* buffer;
  std::size_t size;
  std::size_t length = 0;

  constexpr TextWriter(char* out, std::size_t capacity) noexcept : buffer(out), size(capacity) {
    if (size > 0) buffer[0] = '\0';
  }
  constexpr void put(char c) noexcept {
    if (length + 1 < size) {
      buffer[length++] = c;
      buffer[length] = '\0';
    }
  }
  constexpr void put(std::string_view text) noexcept {
    for (char c : text) put(c);
  }
  constexpr void put_decimal(unsigned long value) noexcept {
    char digits[20] = {};
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) put(digits[--count]);
  }
  constexpr void put_hex_byte(unsigned char byte) noexcept {
    constexpr std::string_view kHex = "0123456789abcdef";
    put(kHex[byte >> 4]);
    put(kHex[byte & 0xf]);
  }
};

// RFC 5952: lower-case hex without leading zeros, the first longest run of
// two or more zero groups as "::".
constexpr void put_ip(TextWriter& out, const IpAddress& address) noexcept {
  if (address.family == AF_INET) {
    for (int i = 0; i < 4; ++i) {
      if (i > 0) out.put('.');
      out.put_decimal(address.bytes[i]);
    }
    return;
  }
  unsigned groups[8] = {};
  for (int i = 0; i < 8; ++i) {
    groups[i] = (static_cast<unsigned>(address.bytes[2 * i]) << 8) | address.bytes[2 * i + 1];
  }
  int best = -1;
  int best_length = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best = i;
      best_length = j - i;
    }
    i = j;
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out.put("::");
      i += best_length - 1;
      continue;
    }
    if (i > 0 && i != best + best_length) out.put(':');
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned digit = (groups[i] >> shift) & 0xf;
      if (digit != 0 || started || shift == 0) {
        out.put(kHex[digit]);
        started = true;
      }
    }
  }
}

}  // namespace network_detail

// An address as text ("10.0.0.1", "::1"), RFC 5952 for IPv6, into `buffer`
// (NUL-terminated when size > 0, truncated to size - 1 bytes); returns the
// length written.
constexpr std::size_t format_ip(const IpAddress& address, char* buffer, std::size_t size) noexcept {
  network_detail::TextWriter out(buffer, size);
  network_detail::put_ip(out, address);
  return out.length;
}

#if !defined(_WIN32)  // the socket calls only the Linux network guard judges
// An address for a message: "127.0.0.2:8080", "[::1]:443" (mapped addresses
// as IPv4), "unix:/path", "unix:@name" (bytes below 0x20, 0x7f and '\' as
// \xHH), "unix:(unnamed)"; anything else "(family N, M bytes)". Into
// `buffer` (NUL-terminated when size > 0, truncated to size - 1 bytes);
// returns the length written.
inline std::size_t format_address(const sockaddr* address, socklen_t length, char* buffer,
                                  std::size_t size) noexcept {
  using namespace network_detail;
  TextWriter out(buffer, size);
  constexpr std::size_t kFamilyEnd = offsetof(sockaddr, sa_family) + sizeof(sa_family_t);
  if (address == nullptr || length < kFamilyEnd) {
    out.put("(no address)");
    return out.length;
  }
  sa_family_t family = 0;
  std::memcpy(&family, reinterpret_cast<const char*>(address) + offsetof(sockaddr, sa_family),
              sizeof family);
  IpAddress ip;
  int port = 0;
  if (ip_from_sockaddr(address, length, ip, port)) {
    if (ip.family == AF_INET6) out.put('[');
    put_ip(out, ip);
    if (ip.family == AF_INET6) out.put(']');
    out.put(':');
    out.put_decimal(static_cast<unsigned long>(port));
  } else if (family == AF_UNIX) {
    UnixPath path;
    unix_path(address, length, path);
    if (path.size == 0) {
      out.put("unix:(unnamed)");
    } else {
      out.put("unix:");
      for (char c : path.view()) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f || c == '\\') {
          out.put("\\x");
          out.put_hex_byte(byte);
        } else {
          out.put(c);
        }
      }
    }
  } else {
    out.put("(family ");
    out.put_decimal(family);
    out.put(", ");
    out.put_decimal(length);
    out.put(" bytes)");
  }
  return out.length;
}

#endif  // !_WIN32

}  // namespace staging

#endif  // STAGING_NETWORK_RULES_HPP
