// libFuzzer target for the network guard's rules
// (templates/check/staging/network_rules.hpp): globs against a dynamic-
// programming oracle, parse_ip against inet_pton and inet_ntop, allow-list
// entries, the rules for names and addresses against their documented
// definitions, format_address on raw socket addresses, and the hosts file
// rule against a plain re-implementation. Aborts when an invariant breaks.
// Built twice: with clang -fsanitize=fuzzer (the fuzz.network test) and, with
// replay_main.cpp, as a plain program that replays corpus_network/ and
// regressions_network/ (the fuzz.network_regressions test, any compiler).
//
// Input: three bytes, then fields separated by NUL; list fields hold items
// separated by 0x1e; the last field is raw bytes (NUL included).
//
//   byte 0  flags: bits 0-1 the mode (0 Off, 1 Words, 2 and 3 Strict),
//           4 loopback allowed, 8 globs ignore case, 16 the port is known
//   bytes 1-2  the port, big-endian (-1 unless flag 16)
//   field 1  a glob pattern, also parsed as an allow-list entry
//   field 2  a text: the glob's text, a host name, an address, a resolved-from
//   field 3  refused words (list)
//   field 4  allow-list entries (list)
//   field 5  a hosts file
//   field 6  the rest: a socket address, raw (its length is the field's)
//
// tests/fuzz/README.md says how to run it and how to keep a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "staging/network_rules.hpp"

namespace {

[[noreturn]] void fail(const char* what, int line) {
  std::fprintf(stderr, "fuzz_network.cpp:%d: invariant broken: %s\n", line, what);
  std::abort();
}

#define FUZZ_CHECK(condition)                     \
  do {                                            \
    if (!(condition)) fail(#condition, __LINE__); \
  } while (false)

using staging::AllowEntry;
using staging::AllowKind;
using staging::IpAddress;
using staging::NetworkMode;
using staging::NetworkPolicy;
using staging::NetworkRule;
using staging::NetworkVerdict;

constexpr char kListSeparator = '\x1e';
// The DP oracle is quadratic: longer globs are checked by the invariants only.
constexpr std::size_t kOracleLimit = 512;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

struct Input {
  std::string bytes;
  unsigned flags = 0;
  int port = -1;
  std::string_view pattern;
  std::string_view text;
  std::vector<std::string_view> words;
  std::vector<std::string_view> allowed;
  std::string_view hosts;
  std::string_view raw;
  NetworkPolicy policy;
};

void parse(Input& input) {
  std::string_view all = input.bytes;
  unsigned char header[3] = {};
  for (std::size_t i = 0; i < 3 && i < all.size(); ++i) header[i] = static_cast<unsigned char>(all[i]);
  all.remove_prefix(std::min<std::size_t>(3, all.size()));
  input.flags = header[0];
  input.port = (input.flags & 16) ? (header[1] << 8 | header[2]) : -1;
  std::vector<std::string_view> fields;
  for (int i = 0; i < 5; ++i) {
    const std::size_t end = all.find('\0');
    fields.push_back(all.substr(0, end));
    all.remove_prefix(end == std::string_view::npos ? all.size() : end + 1);
  }
  input.raw = all;
  const auto list = [](std::string_view field) {
    return field.empty() ? std::vector<std::string_view>{} : split(field, kListSeparator);
  };
  input.pattern = fields[0];
  input.text = fields[1];
  input.words = list(fields[2]);
  input.allowed = list(fields[3]);
  input.hosts = fields[4];
  NetworkPolicy& policy = input.policy;
  const unsigned mode = input.flags & 3;
  policy.mode = mode == 0 ? NetworkMode::Off : mode == 1 ? NetworkMode::Words : NetworkMode::Strict;
  policy.loopback = (input.flags & 4) != 0;
  policy.refused_words = input.words;
  policy.allowed = input.allowed;
  policy.hosts_file = "/etc/hosts";
}

// --- Oracles -------------------------------------------------------------------

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

// match[i][j]: pattern[0, i) matches text[0, j).
bool ref_glob(std::string_view pattern, std::string_view text, bool ignore_case) {
  std::vector<std::vector<bool>> match(pattern.size() + 1, std::vector<bool>(text.size() + 1));
  match[0][0] = true;
  for (std::size_t i = 1; i <= pattern.size(); ++i) {
    const char p = pattern[i - 1];
    for (std::size_t j = 0; j <= text.size(); ++j) {
      if (p == '*') {
        match[i][j] = match[i - 1][j] || (j > 0 && match[i][j - 1]);
      } else if (j > 0) {
        const char t = text[j - 1];
        const bool same = p == '?' || p == t || (ignore_case && lower(p) == lower(t));
        match[i][j] = same && match[i - 1][j - 1];
      }
    }
  }
  return match[pattern.size()][text.size()];
}

bool glob(std::string_view pattern, std::string_view text, bool ignore_case) {
  const bool result = staging::glob_match(pattern, text, ignore_case);
  if (pattern.size() <= kOracleLimit && text.size() <= kOracleLimit) {
    FUZZ_CHECK(result == ref_glob(pattern, text, ignore_case));
  }
  return result;
}

// inet_pton's answer, mapped addresses as IPv4.
bool ref_parse_ip(std::string_view text, IpAddress& out) {
  const std::string terminated(text);
  if (terminated.find('\0') != std::string::npos) return false;
  unsigned char bytes[16] = {};
  out = IpAddress{};
  if (inet_pton(AF_INET, terminated.c_str(), bytes) == 1) {
    out.family = AF_INET;
    std::memcpy(out.bytes, bytes, 4);
    return true;
  }
  if (inet_pton(AF_INET6, terminated.c_str(), bytes) != 1) return false;
  const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, mapped, 12) == 0) {
    out.family = AF_INET;
    std::memcpy(out.bytes, bytes + 12, 4);
  } else {
    out.family = AF_INET6;
    std::memcpy(out.bytes, bytes, 16);
  }
  return true;
}

std::string format_ip(const IpAddress& address) {
  char buffer[64];
  const std::size_t length = staging::format_ip(address, buffer, sizeof buffer);
  FUZZ_CHECK(length < sizeof buffer && std::strlen(buffer) == length);
  return std::string(buffer, length);
}

std::string_view without_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

bool is_literal(std::string_view name) {
  IpAddress ignored;
  return staging::parse_ip(name, ignored);
}

bool is_localhost(std::string_view name) {
  const std::string text = lowered(name);
  return text == "localhost" ||
         (text.size() > 10 && text.compare(text.size() - 10, 10, ".localhost") == 0);
}

bool is_host_glob_text(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return staging::is_ascii_alphanumeric(c) || std::strchr("-._*?", c) != nullptr;
  });
}

// --- Checks ----------------------------------------------------------------------

void check_glob(const Input& input) {
  const bool ignore_case = (input.flags & 8) != 0;
  glob(input.pattern, input.text, ignore_case);
  FUZZ_CHECK(glob(input.pattern, input.pattern, false));
  FUZZ_CHECK(glob(input.pattern, input.pattern, true));
  FUZZ_CHECK(glob("*", input.text, ignore_case));
  FUZZ_CHECK(glob("**", input.pattern, ignore_case));
  FUZZ_CHECK(glob(input.pattern, input.text, true) ==
             glob(lowered(input.pattern), lowered(input.text), false));
  // A pattern with no wildcard matches only itself.
  if (input.pattern.find_first_of("*?") == std::string_view::npos) {
    FUZZ_CHECK(glob(input.pattern, input.text, false) == (input.pattern == input.text));
  }
  // Pathological patterns stay in O(pattern * text).
  if (input.text.size() <= 2048) {
    const std::string many_stars = "*" + std::string(input.text.substr(0, 8)) + "*a*a*a*a*b";
    glob(many_stars, input.text, ignore_case);
  }
}

void check_parse_ip(const Input& input, std::string_view text) {
  IpAddress parsed;
  parsed.family = 12345;
  const bool ok = staging::parse_ip(text, parsed);
  IpAddress expected;
  FUZZ_CHECK(ok == ref_parse_ip(text, expected));
  if (!ok) {
    FUZZ_CHECK(parsed.family == 12345);
    return;
  }
  FUZZ_CHECK(parsed == expected);
  FUZZ_CHECK(parsed.family == AF_INET || parsed.family == AF_INET6);
  if (parsed.family == AF_INET) {
    for (int i = 4; i < 16; ++i) FUZZ_CHECK(parsed.bytes[i] == 0);
  }
  // format_ip round-trips and is canonical.
  const std::string shown = format_ip(parsed);
  IpAddress again;
  FUZZ_CHECK(staging::parse_ip(shown, again) && again == parsed);
  FUZZ_CHECK(format_ip(again) == shown);
  // ... and agrees with inet_ntop, which writes IPv4-compatible addresses
  // (first 96 bits zero) with a dotted tail.
  if (parsed.family == AF_INET6) {
    bool compatible = parsed.bytes[12] != 0 || parsed.bytes[13] != 0;
    for (int i = 0; i < 12; ++i) compatible = compatible && parsed.bytes[i] == 0;
    char ntop[INET6_ADDRSTRLEN] = {};
    FUZZ_CHECK(inet_ntop(AF_INET6, parsed.bytes, ntop, sizeof ntop) != nullptr);
    if (!compatible) FUZZ_CHECK(shown == ntop);
  }
  // format_address of its socket address round-trips too, port included.
  const int port = input.port < 0 ? 0 : input.port;
  sockaddr_storage storage;
  const socklen_t length = staging::sockaddr_of(parsed, port, storage);
  char buffer[80];
  const std::size_t size = staging::format_address(reinterpret_cast<const sockaddr*>(&storage),
                                                   length, buffer, sizeof buffer);
  std::string_view formatted(buffer, size);
  const std::size_t colon = formatted.rfind(':');
  FUZZ_CHECK(colon != std::string_view::npos);
  FUZZ_CHECK(formatted.substr(colon + 1) == std::to_string(port));
  std::string_view address_text = formatted.substr(0, colon);
  if (parsed.family == AF_INET6) {
    FUZZ_CHECK(address_text.size() >= 2 && address_text.front() == '[' && address_text.back() == ']');
    address_text = address_text.substr(1, address_text.size() - 2);
  }
  FUZZ_CHECK(address_text == shown);
  IpAddress from_sockaddr;
  int from_port = -1;
  FUZZ_CHECK(staging::ip_from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), length,
                                       from_sockaddr, from_port));
  FUZZ_CHECK(from_sockaddr == parsed && from_port == port);
}

void check_entry(std::string_view text) {
  AllowEntry entry;
  entry.pattern = "untouched";
  if (!staging::parse_allow_entry(text, entry)) {
    FUZZ_CHECK(entry.pattern == "untouched");
    return;
  }
  // The pattern is a part of the entry's text, not a copy.
  FUZZ_CHECK(entry.pattern.data() >= text.data() &&
             entry.pattern.data() + entry.pattern.size() <= text.data() + text.size());
  FUZZ_CHECK(entry.first_port <= entry.last_port);
  AllowEntry again;
  FUZZ_CHECK(staging::parse_allow_entry(text, again));
  FUZZ_CHECK(again.kind == entry.kind && again.pattern == entry.pattern &&
             again.network == entry.network && again.prefix == entry.prefix &&
             again.first_port == entry.first_port && again.last_port == entry.last_port);

  // The entry alone in a strict policy without words or loopback lets its
  // own host, address or path through.
  const std::string_view only[] = {text};
  NetworkPolicy policy;
  policy.mode = NetworkMode::Strict;
  policy.loopback = false;
  policy.allowed = staging::Span<std::string_view>(only, 1);
  switch (entry.kind) {
    case AllowKind::Host: {
      FUZZ_CHECK(is_host_glob_text(entry.pattern));
      FUZZ_CHECK(!is_literal(entry.pattern));
      FUZZ_CHECK(text.substr(0, 5) != "unix:");
      if (entry.pattern.find_first_of("*?") == std::string_view::npos &&
          entry.pattern.back() != '.' && !is_localhost(entry.pattern)) {
        FUZZ_CHECK(staging::decide_name(policy, entry.pattern, entry.first_port).allowed);
        FUZZ_CHECK(staging::decide_name(policy, entry.pattern, -1).allowed);
      }
      break;
    }
    case AllowKind::Network: {
      const int family = entry.network.family;
      FUZZ_CHECK(family == AF_INET || family == AF_INET6);
      FUZZ_CHECK(entry.prefix >= 0 && entry.prefix <= (family == AF_INET ? 32 : 128));
      FUZZ_CHECK(staging::decide_ip(policy, entry.network, entry.last_port, "").allowed);
      FUZZ_CHECK(staging::decide_ip(policy, entry.network, entry.first_port, "x.example").allowed);
      sockaddr_storage storage;
      const socklen_t length = staging::sockaddr_of(entry.network, entry.first_port, storage);
      FUZZ_CHECK(staging::decide_address(policy, reinterpret_cast<const sockaddr*>(&storage), length,
                                         "")
                     .allowed);
      if (entry.prefix == 0) {
        IpAddress other;
        other.family = family;
        for (unsigned char& byte : other.bytes) byte = 0xa5;
        if (family == AF_INET) std::fill(other.bytes + 4, other.bytes + 16, 0);
        FUZZ_CHECK(staging::decide_ip(policy, other, entry.first_port, "").allowed);
      }
      break;
    }
    case AllowKind::Unix: {
      FUZZ_CHECK(text.substr(0, 5) == "unix:" && !entry.pattern.empty());
      FUZZ_CHECK(entry.pattern.data() == text.data() + 5);
      // The pattern as a path: abstract when it starts with '@'.
      sockaddr_un un{};
      un.sun_family = AF_UNIX;
      const bool is_abstract = entry.pattern[0] == '@';
      const std::size_t size = entry.pattern.size();
      if (entry.pattern.find_first_of("*?") == std::string_view::npos && size < sizeof un.sun_path &&
          (is_abstract || entry.pattern.find('\0') == std::string_view::npos)) {
        std::memcpy(un.sun_path, entry.pattern.data(), size);
        if (is_abstract) un.sun_path[0] = '\0';
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + size +
                                                   (is_abstract ? 0 : 1));
        FUZZ_CHECK(staging::decide_address(policy, reinterpret_cast<const sockaddr*>(&un), length, "")
                       .allowed);
      }
      break;
    }
  }
}

void check_verdict(const NetworkPolicy& policy, const NetworkVerdict& verdict) {
  FUZZ_CHECK(verdict.allowed == (verdict.rule == NetworkRule::None));
  FUZZ_CHECK(verdict.word.empty() || verdict.rule == NetworkRule::RefusedWord);
  if (policy.mode == NetworkMode::Off) FUZZ_CHECK(verdict.allowed);
  if (verdict.rule == NetworkRule::RefusedWord) {
    FUZZ_CHECK(std::find(policy.refused_words.begin(), policy.refused_words.end(), verdict.word) !=
               policy.refused_words.end());
  }
  if (verdict.rule == NetworkRule::Loopback) FUZZ_CHECK(!policy.loopback);
  if (verdict.rule == NetworkRule::NotAllowed) FUZZ_CHECK(policy.mode == NetworkMode::Strict);
}

// The rule for a name that is not an IP literal, as the header states it.
NetworkVerdict ref_host_name(const NetworkPolicy& policy, std::string_view name, int port) {
  NetworkVerdict verdict;
  for (std::string_view word : policy.refused_words) {
    if (staging::contains_word(name, word)) {
      verdict.allowed = false;
      verdict.rule = NetworkRule::RefusedWord;
      verdict.word = word;
      return verdict;
    }
  }
  if (is_localhost(name)) {
    if (!policy.loopback) {
      verdict.allowed = false;
      verdict.rule = NetworkRule::Loopback;
    }
    return verdict;
  }
  if (policy.mode != NetworkMode::Strict) return verdict;
  for (std::string_view text : policy.allowed) {
    AllowEntry entry;
    if (staging::parse_allow_entry(text, entry) && entry.kind == AllowKind::Host &&
        (port < 0 || (port >= entry.first_port && port <= entry.last_port)) &&
        glob(entry.pattern, name, true)) {
      return verdict;
    }
  }
  verdict.allowed = false;
  verdict.rule = NetworkRule::NotAllowed;
  return verdict;
}

bool same(const NetworkVerdict& a, const NetworkVerdict& b) {
  return a.allowed == b.allowed && a.rule == b.rule && a.word == b.word;
}

void check_name(const Input& input) {
  const NetworkPolicy& policy = input.policy;
  const NetworkVerdict verdict = staging::decide_name(policy, input.text, input.port);
  check_verdict(policy, verdict);
  const std::string_view name = without_trailing_dot(input.text);
  IpAddress literal;
  if (staging::parse_ip(name, literal)) {
    FUZZ_CHECK(same(verdict, staging::decide_ip(policy, literal, input.port, "")));
  } else if (policy.mode != NetworkMode::Off) {
    FUZZ_CHECK(same(verdict, ref_host_name(policy, name, input.port)));
    for (std::string_view word : policy.refused_words) {
      if (staging::contains_word(name, word)) FUZZ_CHECK(verdict.rule == NetworkRule::RefusedWord);
    }
  }
  NetworkPolicy off = policy;
  off.mode = NetworkMode::Off;
  FUZZ_CHECK(same(staging::decide_name(off, input.text, input.port), NetworkVerdict{}));
}

void check_address(const Input& input) {
  const NetworkPolicy& policy = input.policy;
  // An aligned copy, longer than any socket address; the length is the field's.
  alignas(sockaddr_storage) unsigned char storage[sizeof(sockaddr_storage) + 64] = {};
  const std::size_t size = std::min(input.raw.size(), sizeof storage);
  std::memcpy(storage, input.raw.data(), size);
  const auto* address = reinterpret_cast<const sockaddr*>(storage);
  const auto length = static_cast<socklen_t>(size);

  for (std::string_view resolved_from : {std::string_view(), input.text}) {
    const NetworkVerdict verdict = staging::decide_address(policy, address, length, resolved_from);
    check_verdict(policy, verdict);
    IpAddress ip;
    int port = -1;
    if (staging::ip_from_sockaddr(address, length, ip, port)) {
      FUZZ_CHECK(port >= 0 && port <= 65535);
      FUZZ_CHECK(same(verdict, staging::decide_ip(policy, ip, port, resolved_from)));
      if (resolved_from.empty()) {
        // An IP literal name is judged as that address.
        FUZZ_CHECK(same(verdict, staging::decide_name(policy, format_ip(ip), port)));
      }
    } else if (size >= sizeof(sa_family_t)) {
      sa_family_t family = 0;
      std::memcpy(&family, storage, sizeof family);
      if (family != AF_UNIX || policy.mode != NetworkMode::Strict) FUZZ_CHECK(verdict.allowed);
    }
  }
  if (policy.mode != NetworkMode::Off) {
    NetworkPolicy off = policy;
    off.mode = NetworkMode::Off;
    FUZZ_CHECK(staging::decide_address(off, address, length, input.text).allowed);
  }

  // format_address: within the size, NUL-terminated, printable, and each
  // truncation a prefix of the whole.
  char whole[512];
  const std::size_t whole_length = staging::format_address(address, length, whole, sizeof whole);
  FUZZ_CHECK(whole_length < sizeof whole && std::strlen(whole) == whole_length);
  for (std::size_t i = 0; i < whole_length; ++i) {
    const auto byte = static_cast<unsigned char>(whole[i]);
    FUZZ_CHECK(byte >= 0x20 && byte != 0x7f);
  }
  for (std::size_t capacity : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7},
                               std::size_t{16}, whole_length, whole_length + 1}) {
    char buffer[sizeof whole + 1];
    std::memset(buffer, '#', sizeof buffer);
    const std::size_t written = staging::format_address(address, length, buffer, capacity);
    FUZZ_CHECK(buffer[capacity] == '#');
    if (capacity == 0) {
      FUZZ_CHECK(written == 0);
      continue;
    }
    FUZZ_CHECK(written == std::min(whole_length, capacity - 1));
    FUZZ_CHECK(buffer[written] == '\0');
    FUZZ_CHECK(std::memcmp(buffer, whole, written) == 0);
  }
}

// The hosts file rule, re-implemented with std::string.
std::vector<IpAddress> ref_hosts(const NetworkPolicy& policy, std::string_view text) {
  std::vector<IpAddress> found;
  if (policy.mode == NetworkMode::Off) return found;
  for (std::string_view line : split(text, '\n')) {
    line = line.substr(0, line.find('#'));
    std::vector<std::string> fields;
    std::string field;
    for (char c : std::string(line) + " ") {
      if (staging::is_ascii_space(c)) {
        if (!field.empty()) fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    IpAddress address;
    if (fields.empty() || !ref_parse_ip(fields[0], address)) continue;
    const bool refused = std::any_of(fields.begin() + 1, fields.end(), [&](const std::string& name) {
      return std::any_of(policy.refused_words.begin(), policy.refused_words.end(),
                         [&](std::string_view word) {
                           return staging::contains_word(without_trailing_dot(name), word);
                         });
    });
    if (refused) found.push_back(address);
  }
  return found;
}

void check_hosts(const Input& input) {
  for (std::string_view text : {input.hosts, input.text}) {
    std::vector<IpAddress> found;
    staging::refused_hosts_addresses(input.policy, text,
                                     [&found](const IpAddress& address) { found.push_back(address); });
    const std::vector<IpAddress> expected = ref_hosts(input.policy, text);
    FUZZ_CHECK(found.size() == expected.size());
    FUZZ_CHECK(std::equal(found.begin(), found.end(), expected.begin()));
  }
}

void check_text() {
  for (NetworkRule rule : {NetworkRule::None, NetworkRule::RefusedWord, NetworkRule::NotAllowed,
                           NetworkRule::Loopback}) {
    FUZZ_CHECK(staging::rule_name(rule).empty() == (rule == NetworkRule::None));
    FUZZ_CHECK(staging::rule_fix(rule).empty() == (rule == NetworkRule::None));
    FUZZ_CHECK(staging::rule_description(rule).empty() == (rule == NetworkRule::None));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input input;
  input.bytes.assign(reinterpret_cast<const char*>(data), size);
  parse(input);
  check_glob(input);
  check_parse_ip(input, input.text);
  check_parse_ip(input, input.pattern);
  check_entry(input.pattern);
  check_entry(input.text);
  for (std::string_view entry : input.allowed) check_entry(entry);
  check_name(input);
  check_address(input);
  check_hosts(input);
  check_text();
  return 0;
}
