// network_rules.hpp: globs, exact address text, allow-list entries, the
// rules for names and addresses, the hosts file rule and the message text.
#include "staging/network_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/un.h>

namespace {

using staging::AllowEntry;
using staging::AllowKind;
using staging::IpAddress;
using staging::NetworkMode;
using staging::NetworkPolicy;
using staging::NetworkRule;
using staging::NetworkVerdict;

// The default NETWORK_REFUSE words (cmake/StagingTestsNetwork.cmake).
constexpr std::array<std::string_view, 2> kWords{"prod", "uat"};

constexpr NetworkPolicy policy_of(NetworkMode mode, bool loopback = true) {
  NetworkPolicy policy;
  policy.mode = mode;
  policy.refused_words = kWords;
  policy.loopback = loopback;
  policy.hosts_file = "/etc/hosts";
  return policy;
}

NetworkPolicy strict(const staging::Span<std::string_view>& allowed, bool loopback = true) {
  NetworkPolicy policy = policy_of(NetworkMode::Strict, loopback);
  policy.allowed = allowed;
  return policy;
}

IpAddress ip(std::string_view text) {
  IpAddress address;
  EXPECT_TRUE(staging::parse_ip(text, address)) << text;
  return address;
}

IpAddress v4(unsigned char a, unsigned char b, unsigned char c, unsigned char d) {
  IpAddress address;
  address.family = AF_INET;
  address.bytes[0] = a;
  address.bytes[1] = b;
  address.bytes[2] = c;
  address.bytes[3] = d;
  return address;
}

IpAddress v6(std::initializer_list<unsigned> groups) {
  IpAddress address;
  address.family = AF_INET6;
  int i = 0;
  for (unsigned group : groups) {
    address.bytes[2 * i] = static_cast<unsigned char>(group >> 8);
    address.bytes[2 * i + 1] = static_cast<unsigned char>(group & 0xff);
    ++i;
  }
  return address;
}

std::string format_ip(const IpAddress& address) {
  char buffer[64];
  const std::size_t length = staging::format_ip(address, buffer, sizeof buffer);
  return std::string(buffer, length);
}

// A socket address as connect() gets it.
struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

Address inet(std::string_view text, int port) {
  Address address;
  address.length = staging::sockaddr_of(ip(text), port, address.storage);
  return address;
}

// sun_path of `length` bytes (abstract when it starts with '\0').
Address unix_socket(std::string_view path, std::size_t length) {
  Address address;
  sockaddr_un un{};
  un.sun_family = AF_UNIX;
  std::memcpy(un.sun_path, path.data(), std::min(path.size(), sizeof un.sun_path));
  std::memcpy(&address.storage, &un, sizeof un);
  address.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length);
  return address;
}

Address unix_path(std::string_view path) { return unix_socket(path, path.size() + 1); }
Address abstract(std::string_view name) {
  return unix_socket(std::string(1, '\0') + std::string(name), name.size() + 1);
}

Address family_only(sa_family_t family, socklen_t length) {
  Address address;
  address.storage.ss_family = family;
  address.length = length;
  return address;
}

std::string format(const Address& address, std::size_t size = 128) {
  std::vector<char> buffer(size + 1, '#');
  const std::size_t length = staging::format_address(address.get(), address.length, buffer.data(), size);
  EXPECT_EQ(buffer[size], '#') << "wrote past the size";
  if (size == 0) {
    EXPECT_EQ(length, 0u);
    return "";
  }
  EXPECT_EQ(std::strlen(buffer.data()), length);
  return std::string(buffer.data(), length);
}

NetworkVerdict judge(const NetworkPolicy& policy, const Address& address,
                     std::string_view resolved_from = "") {
  return staging::decide_address(policy, address.get(), address.length, resolved_from);
}

::testing::AssertionResult allowed(const NetworkVerdict& verdict) {
  if (verdict.allowed && verdict.rule == NetworkRule::None && verdict.word.empty()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "refused by the " << staging::rule_name(verdict.rule)
                                       << " rule (\"" << verdict.word << "\")";
}

::testing::AssertionResult refused(const NetworkVerdict& verdict, NetworkRule rule,
                                   std::string_view word = "") {
  if (!verdict.allowed && verdict.rule == rule && verdict.word == word) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << (verdict.allowed ? "allowed" : "refused") << ", rule "
         << staging::rule_name(verdict.rule) << ", word \"" << verdict.word << "\"";
}

AllowEntry entry(std::string_view text) {
  AllowEntry parsed;
  EXPECT_TRUE(staging::parse_allow_entry(text, parsed)) << text;
  return parsed;
}

// --- Compile time ------------------------------------------------------------

constexpr NetworkPolicy kConstexprWords = policy_of(NetworkMode::Words);
static_assert(staging::glob_match("*.example.com", "API.example.com", true));
static_assert(!staging::glob_match("*.example.com", "example.com", true));
static_assert(!staging::decide_name(kConstexprWords, "engram-prod-vault.vault.azure.net", -1).allowed);
static_assert(staging::decide_name(kConstexprWords, "dev.azure.com", 443).allowed);
static_assert([] {
  IpAddress address;
  return staging::parse_ip("::ffff:10.0.0.1", address) && address.family == AF_INET &&
         address.bytes[0] == 10 && address.bytes[3] == 1;
}());
static_assert([] {
  AllowEntry parsed;
  return staging::parse_allow_entry("[fd00::/8]:443", parsed) && parsed.prefix == 8 &&
         parsed.first_port == 443 && parsed.last_port == 443;
}());
static_assert([] {
  int count = 0;
  staging::refused_hosts_addresses(kConstexprWords, "10.0.0.1 prod-db\n10.0.0.2 staging-db\n",
                                   [&count](const IpAddress&) { ++count; });
  return count == 1;
}());
static_assert(staging::rule_name(NetworkRule::Loopback) == "loopback");

// --- glob_match --------------------------------------------------------------

TEST(NetworkGlob, StarMatchesEveryText) {
  for (std::string_view text : {"", "a", "api.example.com", "/run/app/x.sock", "*", "?"}) {
    EXPECT_TRUE(staging::glob_match("*", text, false)) << text;
    EXPECT_TRUE(staging::glob_match("**", text, false)) << text;
    EXPECT_TRUE(staging::glob_match("***", text, true)) << text;
  }
}

TEST(NetworkGlob, QuestionMarkIsExactlyOneByte) {
  EXPECT_FALSE(staging::glob_match("?", "", false));
  EXPECT_TRUE(staging::glob_match("?", "a", false));
  EXPECT_TRUE(staging::glob_match("?", ".", false));
  EXPECT_FALSE(staging::glob_match("?", "ab", false));
  EXPECT_TRUE(staging::glob_match("a?c", "abc", false));
  EXPECT_FALSE(staging::glob_match("a?c", "ac", false));
  EXPECT_TRUE(staging::glob_match("??", "\xc3\xa4", false)) << "two bytes of one UTF-8 character";
}

TEST(NetworkGlob, StarsInTheMiddle) {
  EXPECT_TRUE(staging::glob_match("a*b*c", "abc", false));
  EXPECT_TRUE(staging::glob_match("a*b*c", "aXbYc", false));
  EXPECT_TRUE(staging::glob_match("a*b*c", "abcabc", false));
  EXPECT_TRUE(staging::glob_match("a*b*c", "a.b.c", false));
  EXPECT_FALSE(staging::glob_match("a*b*c", "acb", false));
  EXPECT_FALSE(staging::glob_match("a*b*c", "abcx", false));
  EXPECT_FALSE(staging::glob_match("a*b*c", "xabc", false));
  EXPECT_TRUE(staging::glob_match("a**b", "ab", false));
  EXPECT_TRUE(staging::glob_match("*?", "x", false));
  EXPECT_FALSE(staging::glob_match("*?", "", false));
  EXPECT_TRUE(staging::glob_match("*a", "aaa", false));
  EXPECT_TRUE(staging::glob_match("a*", "a", false));
}

TEST(NetworkGlob, StarCrossesDotsAndSlashes) {
  EXPECT_TRUE(staging::glob_match("*.example.com", "a.b.example.com", false));
  EXPECT_FALSE(staging::glob_match("*.example.com", "example.com", false));
  EXPECT_FALSE(staging::glob_match("*.example.com", "example.com.evil", false));
  EXPECT_TRUE(staging::glob_match("/run/app/*.sock", "/run/app/sub/x.sock", false));
}

TEST(NetworkGlob, EmptyPatternMatchesOnlyEmptyText) {
  EXPECT_TRUE(staging::glob_match("", "", false));
  EXPECT_FALSE(staging::glob_match("", "a", false));
  EXPECT_FALSE(staging::glob_match("a", "", false));
}

TEST(NetworkGlob, CaseIgnoredOnlyWhenAsked) {
  EXPECT_TRUE(staging::glob_match("API.*", "api.example.com", true));
  EXPECT_FALSE(staging::glob_match("API.*", "api.example.com", false));
  EXPECT_FALSE(staging::glob_match("\xc3\x84", "\xc3\xa4", true)) << "ASCII only";
}

TEST(NetworkGlob, WildcardsInTheTextAreBytes) {
  EXPECT_TRUE(staging::glob_match("a*", "a*", false));
  EXPECT_FALSE(staging::glob_match("a\\*", "a*", false)) << "no escapes";
}

TEST(NetworkGlob, PathologicalPatternEnds) {
  const std::string text(4000, 'a');
  EXPECT_FALSE(staging::glob_match("*a*a*a*a*a*a*a*b", text, false));
  EXPECT_TRUE(staging::glob_match("*a*a*a*a*a*a*a*", text, false));
}

// --- parse_ip ----------------------------------------------------------------

TEST(NetworkParseIp, DottedQuads) {
  EXPECT_EQ(ip("0.0.0.0"), v4(0, 0, 0, 0));
  EXPECT_EQ(ip("255.255.255.255"), v4(255, 255, 255, 255));
  EXPECT_EQ(ip("10.0.0.1"), v4(10, 0, 0, 1));
  EXPECT_EQ(ip("192.168.100.9"), v4(192, 168, 100, 9));
}

TEST(NetworkParseIp, MalformedDottedQuads) {
  for (std::string_view text :
       {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1.2.3.-4", "+1.2.3.4", "010.0.0.1",
        "00.0.0.0", "1.2.3.04", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4.", ".1.2.3.4",
        "1.2.3.0x4", "1234.1.1.1", "0001.1.1.1", "1.2.3.4/8", "1.2.3.4:80", "127.1", "0x7f.0.0.1",
        "1,2,3,4", "\xef\xbc\x91.2.3.4"}) {
    IpAddress address = v4(9, 9, 9, 9);
    EXPECT_FALSE(staging::parse_ip(text, address)) << text;
    EXPECT_EQ(address, v4(9, 9, 9, 9)) << text << ": left as it was";
  }
}

TEST(NetworkParseIp, Ipv6Forms) {
  EXPECT_EQ(ip("::"), v6({}));
  EXPECT_EQ(ip("::1"), v6({0, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(ip("1::"), v6({1}));
  EXPECT_EQ(ip("1:2:3:4:5:6:7:8"), v6({1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(ip("1::2:3:4:5:6:7"), v6({1, 0, 2, 3, 4, 5, 6, 7})) << "'::' for one group";
  EXPECT_EQ(ip("1:2:3:4:5:6:7::"), v6({1, 2, 3, 4, 5, 6, 7, 0}));
  EXPECT_EQ(ip("::2:3:4:5:6:7:8"), v6({0, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(ip("fe80::1"), v6({0xfe80, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(ip("FE80::ABcd"), v6({0xfe80, 0, 0, 0, 0, 0, 0, 0xabcd}));
  EXPECT_EQ(ip("2001:db8::8a2e:370:7334"), v6({0x2001, 0xdb8, 0, 0, 0, 0x8a2e, 0x370, 0x7334}));
  EXPECT_EQ(ip("0000:0000::0001"), v6({0, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(ip("::1.2.3.4"), v6({0, 0, 0, 0, 0, 0, 0x0102, 0x0304})) << "IPv4-compatible stays IPv6";
  EXPECT_EQ(ip("64:ff9b::10.0.0.1"), v6({0x64, 0xff9b, 0, 0, 0, 0, 0x0a00, 0x0001}));
  EXPECT_EQ(ip("1:2:3:4:5:6:1.2.3.4"), v6({1, 2, 3, 4, 5, 6, 0x0102, 0x0304}));
  EXPECT_EQ(ip("::ffff:0:1.2.3.4"), v6({0, 0, 0, 0, 0xffff, 0, 0x0102, 0x0304})) << "not mapped";
}

TEST(NetworkParseIp, MalformedIpv6) {
  for (std::string_view text :
       {"::1::", ":::", "1::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:", ":1",
        ":", "1:::2", "12345::", "::12345", "fe80::1%eth0", "fe80::1%1", "::g", "1:2:3:4:5:6:7:1.2.3.4",
        "::1.2.3", "::1.2.3.4:5", "::1.2.3.04", "[::1]", "::ffff:256.1.1.1", "1.2.3.4::",
        "::1 ", " ::1", "::1/128", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "-1::", "0x1::"}) {
    IpAddress address = v4(9, 9, 9, 9);
    EXPECT_FALSE(staging::parse_ip(text, address)) << text;
    EXPECT_EQ(address, v4(9, 9, 9, 9)) << text << ": left as it was";
  }
}

TEST(NetworkParseIp, MappedAddressesAreIpv4) {
  EXPECT_EQ(ip("::ffff:1.2.3.4"), v4(1, 2, 3, 4));
  EXPECT_EQ(ip("::FFFF:7f00:1"), v4(127, 0, 0, 1));
  EXPECT_EQ(ip("0:0:0:0:0:ffff:a00:1"), v4(10, 0, 0, 1));
  EXPECT_EQ(ip("::fffe:1.2.3.4").family, AF_INET6);
}

TEST(NetworkParseIp, Loopback) {
  EXPECT_TRUE(staging::is_loopback(ip("127.0.0.1")));
  EXPECT_TRUE(staging::is_loopback(ip("127.255.255.254")));
  EXPECT_TRUE(staging::is_loopback(ip("127.0.0.2")));
  EXPECT_FALSE(staging::is_loopback(ip("126.255.255.255")));
  EXPECT_FALSE(staging::is_loopback(ip("128.0.0.1")));
  EXPECT_TRUE(staging::is_loopback(ip("::1")));
  EXPECT_TRUE(staging::is_loopback(ip("::ffff:127.0.0.1")));
  EXPECT_FALSE(staging::is_loopback(ip("::2")));
  EXPECT_FALSE(staging::is_loopback(ip("::")));
  EXPECT_FALSE(staging::is_loopback(ip("1::1")));
  EXPECT_FALSE(staging::is_loopback(IpAddress{}));
}

// --- Socket addresses --------------------------------------------------------

TEST(NetworkSockaddr, Ipv4AndIpv6WithPorts) {
  IpAddress address;
  int port = -2;
  const Address a = inet("10.0.0.1", 8080);
  ASSERT_TRUE(staging::ip_from_sockaddr(a.get(), a.length, address, port));
  EXPECT_EQ(address, v4(10, 0, 0, 1));
  EXPECT_EQ(port, 8080);
  const Address b = inet("2001:db8::1", 443);
  ASSERT_TRUE(staging::ip_from_sockaddr(b.get(), b.length, address, port));
  EXPECT_EQ(address, ip("2001:db8::1"));
  EXPECT_EQ(port, 443);
  const Address c = inet("::1", 65535);
  ASSERT_TRUE(staging::ip_from_sockaddr(c.get(), c.length, address, port));
  EXPECT_EQ(port, 65535);
}

TEST(NetworkSockaddr, MappedIsIpv4) {
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(5432);
  const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 2};
  std::memcpy(&in6.sin6_addr, mapped, 16);
  IpAddress address;
  int port = 0;
  ASSERT_TRUE(staging::ip_from_sockaddr(reinterpret_cast<const sockaddr*>(&in6), sizeof in6, address,
                                        port));
  EXPECT_EQ(address, v4(192, 168, 1, 2));
  EXPECT_EQ(port, 5432);
}

TEST(NetworkSockaddr, ShortLengthsAndOtherFamilies) {
  IpAddress address = v4(9, 9, 9, 9);
  int port = 7;
  const Address a = inet("10.0.0.1", 80);
  EXPECT_FALSE(staging::ip_from_sockaddr(a.get(), sizeof(sockaddr_in) - 1, address, port));
  EXPECT_FALSE(staging::ip_from_sockaddr(a.get(), 1, address, port));
  EXPECT_FALSE(staging::ip_from_sockaddr(a.get(), 0, address, port));
  EXPECT_FALSE(staging::ip_from_sockaddr(nullptr, sizeof(sockaddr_in), address, port));
  const Address b = inet("::1", 80);
  EXPECT_FALSE(staging::ip_from_sockaddr(b.get(), 23, address, port));
  const Address u = unix_path("/tmp/x");
  EXPECT_FALSE(staging::ip_from_sockaddr(u.get(), u.length, address, port));
  EXPECT_EQ(address, v4(9, 9, 9, 9));
  EXPECT_EQ(port, 7);
  // RFC 2133's sockaddr_in6 without sin6_scope_id is what the kernel accepts.
  EXPECT_TRUE(staging::ip_from_sockaddr(b.get(), 24, address, port));
  EXPECT_EQ(address, ip("::1"));
}

// --- format_address, format_ip -----------------------------------------------

TEST(NetworkFormat, Addresses) {
  EXPECT_EQ(format(inet("127.0.0.2", 8080)), "127.0.0.2:8080");
  EXPECT_EQ(format(inet("::1", 443)), "[::1]:443");
  EXPECT_EQ(format(inet("2001:DB8:0:0:1:0:0:1", 80)), "[2001:db8::1:0:0:1]:80");
  EXPECT_EQ(format(inet("::ffff:1.2.3.4", 80)), "1.2.3.4:80");
  EXPECT_EQ(format(inet("0.0.0.0", 0)), "0.0.0.0:0");
  EXPECT_EQ(format(unix_path("/run/app/x.sock")), "unix:/run/app/x.sock");
  EXPECT_EQ(format(abstract("name")), "unix:@name");
  EXPECT_EQ(format(abstract(std::string("a\0b\n\\", 5))), "unix:@a\\x00b\\x0a\\x5c");
  EXPECT_EQ(format(family_only(AF_UNIX, sizeof(sa_family_t))), "unix:(unnamed)");
  EXPECT_EQ(format(family_only(AF_NETLINK, 12)), "(family 16, 12 bytes)");
  EXPECT_EQ(format(family_only(AF_INET, 8)), "(family 2, 8 bytes)");
  EXPECT_EQ(format(family_only(AF_INET, 1)), "(no address)");
  EXPECT_EQ(format(Address{}), "(no address)");
}

TEST(NetworkFormat, UnterminatedFullLengthPath) {
  const std::string path(sizeof(sockaddr_un{}.sun_path), 'p');
  EXPECT_EQ(format(unix_socket(path, path.size()), 256), "unix:" + path);
  EXPECT_EQ(format(unix_socket(std::string_view("/a\0zzz", 6), 6)), "unix:/a") << "up to the first NUL";
}

TEST(NetworkFormat, TruncatesSafely) {
  const Address address = inet("127.0.0.2", 8080);
  EXPECT_EQ(format(address, 0), "");
  EXPECT_EQ(format(address, 1), "");
  EXPECT_EQ(format(address, 5), "127.");
  EXPECT_EQ(format(address, 14), "127.0.0.2:808");
  EXPECT_EQ(format(address, 15), "127.0.0.2:8080");
  EXPECT_EQ(format(inet("2001:db8::1", 65535), 8), "[2001:d");
}

TEST(NetworkFormat, Rfc5952) {
  EXPECT_EQ(format_ip(ip("::")), "::");
  EXPECT_EQ(format_ip(ip("::1")), "::1");
  EXPECT_EQ(format_ip(ip("1::")), "1::");
  EXPECT_EQ(format_ip(ip("1:0:0:2:0:0:0:3")), "1:0:0:2::3") << "the longest run";
  EXPECT_EQ(format_ip(ip("1:0:0:2:3:0:0:4")), "1::2:3:0:0:4") << "the first of equal runs";
  EXPECT_EQ(format_ip(ip("1:0:2:3:4:5:6:7")), "1:0:2:3:4:5:6:7") << "one zero group stays";
  EXPECT_EQ(format_ip(ip("0:1:2:3:4:5:6:7")), "0:1:2:3:4:5:6:7");
  EXPECT_EQ(format_ip(ip("2001:0DB8:00a0::0001")), "2001:db8:a0::1");
  EXPECT_EQ(format_ip(ip("::1.2.3.4")), "::102:304");
  EXPECT_EQ(format_ip(ip("10.20.30.40")), "10.20.30.40");
}

// --- parse_allow_entry -------------------------------------------------------

TEST(NetworkAllowEntry, HostGlobs) {
  AllowEntry a = entry("api.example.com");
  EXPECT_EQ(a.kind, AllowKind::Host);
  EXPECT_EQ(a.pattern, "api.example.com");
  EXPECT_EQ(a.first_port, 0);
  EXPECT_EQ(a.last_port, 65535);
  a = entry("*.staging.example.com:443");
  EXPECT_EQ(a.kind, AllowKind::Host);
  EXPECT_EQ(a.pattern, "*.staging.example.com");
  EXPECT_EQ(a.first_port, 443);
  EXPECT_EQ(a.last_port, 443);
  a = entry("*:443");
  EXPECT_EQ(a.pattern, "*");
  EXPECT_EQ(a.first_port, 443);
  a = entry("api_1-x?:8000-8080");
  EXPECT_EQ(a.pattern, "api_1-x?");
  EXPECT_EQ(a.first_port, 8000);
  EXPECT_EQ(a.last_port, 8080);
  a = entry("api:*");
  EXPECT_EQ(a.first_port, 0);
  EXPECT_EQ(a.last_port, 65535);
  a = entry("API.Example.com.:0");
  EXPECT_EQ(a.pattern, "API.Example.com") << "one trailing dot dropped";
  EXPECT_EQ(a.last_port, 0);
  EXPECT_EQ(entry("api:00443").first_port, 443);
  EXPECT_EQ(entry("0x7f.example").kind, AllowKind::Host);
  EXPECT_EQ(entry("123.example.com").kind, AllowKind::Host);
}

TEST(NetworkAllowEntry, Networks) {
  AllowEntry a = entry("10.0.0.0/8");
  EXPECT_EQ(a.kind, AllowKind::Network);
  EXPECT_EQ(a.network, v4(10, 0, 0, 0));
  EXPECT_EQ(a.prefix, 8);
  EXPECT_EQ(a.pattern, "10.0.0.0");
  EXPECT_EQ(a.last_port, 65535);
  a = entry("127.0.0.2:8080");
  EXPECT_EQ(a.network, v4(127, 0, 0, 2));
  EXPECT_EQ(a.prefix, 32);
  EXPECT_EQ(a.first_port, 8080);
  EXPECT_EQ(a.last_port, 8080);
  a = entry("0.0.0.0/0:1-2");
  EXPECT_EQ(a.prefix, 0);
  EXPECT_EQ(a.first_port, 1);
  EXPECT_EQ(a.last_port, 2);
  a = entry("[::1]");
  EXPECT_EQ(a.network, ip("::1"));
  EXPECT_EQ(a.prefix, 128);
  EXPECT_EQ(a.pattern, "::1");
  a = entry("[fd00::/8]:443");
  EXPECT_EQ(a.network, ip("fd00::"));
  EXPECT_EQ(a.prefix, 8);
  EXPECT_EQ(a.first_port, 443);
  a = entry("fd00::/8");
  EXPECT_EQ(a.prefix, 8);
  EXPECT_EQ(a.last_port, 65535);
  a = entry("::1:443");
  EXPECT_EQ(a.network, ip("::1:443")) << "a bare IPv6 address never has a port";
  EXPECT_EQ(a.prefix, 128);
  a = entry("[::ffff:10.0.0.0/104]");
  EXPECT_EQ(a.network, v4(10, 0, 0, 0)) << "a mapped network is IPv4";
  EXPECT_EQ(a.prefix, 8);
  EXPECT_EQ(entry("10.1.2.3/8").network, v4(10, 1, 2, 3)) << "bits past the prefix are kept, ignored";
}

TEST(NetworkAllowEntry, UnixGlobs) {
  AllowEntry a = entry("unix:/run/app/*.sock");
  EXPECT_EQ(a.kind, AllowKind::Unix);
  EXPECT_EQ(a.pattern, "/run/app/*.sock");
  a = entry("unix:@name");
  EXPECT_EQ(a.pattern, "@name");
  a = entry("unix:443");
  EXPECT_EQ(a.kind, AllowKind::Unix) << "unix: always starts a Unix entry";
}

TEST(NetworkAllowEntry, Malformed) {
  for (std::string_view text :
       {"", ":", ":443", "api:", "api:8080-80", "api:65536", "api:-1", "api:1-", "api:-",
        "api:+1", "api:**", "api:1:2", "a b", "api/x", "api.example.com/8", "ex%ample",
        ".", "10.0.0", "10.*", "1*", "10.0.0.1.", "010.0.0.1", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1",
        "1.2.3.4/8/8", "256.0.0.0/8", "[::1", "[::1]x", "[::1]:", "[::1]:70000", "[1.2.3.4]",
        "[::1/129]", "[::ffff:0:0/95]", "[fe80::1%eth0]", "fe80::1%eth0", "fd00::/8:443", "[]",
        "[api.example.com]", "unix:", "UNIX:/x", "api.example.com:443 ", "\xc3\xa4.example"}) {
    AllowEntry parsed;
    parsed.pattern = "untouched";
    EXPECT_FALSE(staging::parse_allow_entry(text, parsed)) << text;
    EXPECT_EQ(parsed.pattern, "untouched") << text;
  }
}

// --- decide_name -------------------------------------------------------------

TEST(NetworkDecideName, OffAllowsEverything) {
  const NetworkPolicy policy = policy_of(NetworkMode::Off, false);
  EXPECT_TRUE(allowed(staging::decide_name(policy, "engram-prod-vault.vault.azure.net", 443)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "localhost", -1)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "127.0.0.1", -1)));
}

TEST(NetworkDecideName, WordRule) {
  for (NetworkMode mode : {NetworkMode::Words, NetworkMode::Strict}) {
    const NetworkPolicy policy = policy_of(mode);
    EXPECT_TRUE(refused(staging::decide_name(policy, "engram-prod-vault.vault.azure.net", 443),
                        NetworkRule::RefusedWord, "prod"));
    EXPECT_TRUE(refused(staging::decide_name(policy, "PROD.example.com.", -1),
                        NetworkRule::RefusedWord, "prod"));
    EXPECT_TRUE(refused(staging::decide_name(policy, "api.uat.example.com", -1),
                        NetworkRule::RefusedWord, "uat"));
    EXPECT_TRUE(refused(staging::decide_name(policy, "prod", -1), NetworkRule::RefusedWord, "prod"));
    EXPECT_TRUE(refused(staging::decide_name(policy, "prod.localhost", -1),
                        NetworkRule::RefusedWord, "prod"))
        << "the word rule comes first";
  }
  const NetworkPolicy policy = policy_of(NetworkMode::Words);
  EXPECT_TRUE(allowed(staging::decide_name(policy, "products.example.com", 443)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "dev.azure.com", 443)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "quat.example.com", -1)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "engram-staging-vault.vault.azure.net", -1)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "", -1)));
}

TEST(NetworkDecideName, IpLiteralsAreAddresses) {
  const NetworkPolicy words = policy_of(NetworkMode::Words, false);
  EXPECT_TRUE(allowed(staging::decide_name(words, "10.0.0.1", 443)));
  EXPECT_TRUE(allowed(staging::decide_name(words, "2001:db8::1", -1)));
  EXPECT_TRUE(refused(staging::decide_name(words, "127.0.0.1", -1), NetworkRule::Loopback));
  EXPECT_TRUE(refused(staging::decide_name(words, "127.0.0.1.", -1), NetworkRule::Loopback));
  EXPECT_TRUE(refused(staging::decide_name(words, "::1", 80), NetworkRule::Loopback));
  EXPECT_TRUE(refused(staging::decide_name(words, "::ffff:127.0.0.3", 80), NetworkRule::Loopback));
  EXPECT_TRUE(refused(staging::decide_name(words, "0.0.0.0", 80), NetworkRule::Loopback));
  EXPECT_TRUE(allowed(staging::decide_name(words, "127.1", 80)))
      << "not exact address text: a name (whose address connect() judges)";

  static constexpr std::array<std::string_view, 2> kAllowed{"10.0.0.0/8:443", "[fd00::/8]"};
  const NetworkPolicy policy = strict(kAllowed);
  EXPECT_TRUE(allowed(staging::decide_name(policy, "10.1.2.3", 443)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "10.1.2.3", -1))) << "port unknown";
  EXPECT_TRUE(refused(staging::decide_name(policy, "10.1.2.3", 80), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(staging::decide_name(policy, "11.0.0.1", 443), NetworkRule::NotAllowed));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "fd12::1", 22)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "127.0.0.1", 22)));
}

TEST(NetworkDecideName, Localhost) {
  for (NetworkMode mode : {NetworkMode::Words, NetworkMode::Strict}) {
    const NetworkPolicy on = policy_of(mode, true);
    const NetworkPolicy off = policy_of(mode, false);
    for (std::string_view name : {"localhost", "LOCALHOST.", "api.localhost", "a.b.LocalHost"}) {
      EXPECT_TRUE(allowed(staging::decide_name(on, name, 80))) << name;
      EXPECT_TRUE(refused(staging::decide_name(off, name, 80), NetworkRule::Loopback)) << name;
    }
    for (std::string_view name : {"localhost.example.com", "mylocalhost", "localhost-x", ".localhost"}) {
      const NetworkVerdict verdict = staging::decide_name(off, name, 80);
      if (mode == NetworkMode::Words) {
        EXPECT_TRUE(allowed(verdict)) << name;
      } else {
        EXPECT_TRUE(refused(verdict, NetworkRule::NotAllowed)) << name;
      }
    }
  }
}

TEST(NetworkDecideName, StrictAllowList) {
  static constexpr std::array<std::string_view, 5> kAllowed{
      "api.example.com", "*.staging.example.com:443", "10.0.0.0/8", "unix:/run/app/*.sock",
      "not an entry"};
  const NetworkPolicy policy = strict(kAllowed);
  EXPECT_TRUE(allowed(staging::decide_name(policy, "api.example.com", 80)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "API.EXAMPLE.COM.", -1)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "x.staging.example.com", -1)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "x.y.staging.example.com", 443)));
  EXPECT_TRUE(refused(staging::decide_name(policy, "x.staging.example.com", 80),
                      NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(staging::decide_name(policy, "staging.example.com", 443),
                      NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(staging::decide_name(policy, "other.com", 443), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(staging::decide_name(policy, "api.example.com.evil", 443),
                      NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(staging::decide_name(policy, "not an entry", 443), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(staging::decide_name(policy, "/run/app/x.sock", -1), NetworkRule::NotAllowed))
      << "Unix entries judge paths, not names";
  EXPECT_TRUE(refused(staging::decide_name(policy, "prod.staging.example.com", 443),
                      NetworkRule::RefusedWord, "prod"))
      << "the word rule still applies";
}

TEST(NetworkDecideName, StrictStarAllowsEveryName) {
  static constexpr std::array<std::string_view, 1> kAllowed{"*"};
  const NetworkPolicy policy = strict(kAllowed, false);
  EXPECT_TRUE(allowed(staging::decide_name(policy, "anything.example", 1)));
  EXPECT_TRUE(allowed(staging::decide_name(policy, "127.1", 1)));
  EXPECT_TRUE(refused(staging::decide_name(policy, "localhost", 1), NetworkRule::Loopback));
  EXPECT_TRUE(refused(staging::decide_name(policy, "10.0.0.1", 1), NetworkRule::NotAllowed))
      << "a host glob judges names, not addresses";
  EXPECT_TRUE(refused(staging::decide_name(policy, "uat-api", 1), NetworkRule::RefusedWord, "uat"));
}

// --- decide_address ----------------------------------------------------------

TEST(NetworkDecideAddress, OffAllowsEverything) {
  const NetworkPolicy policy = policy_of(NetworkMode::Off, false);
  EXPECT_TRUE(allowed(judge(policy, inet("127.0.0.1", 80), "prod-db")));
  EXPECT_TRUE(allowed(judge(policy, unix_path("/x"))));
}

TEST(NetworkDecideAddress, WordsMode) {
  const NetworkPolicy policy = policy_of(NetworkMode::Words);
  EXPECT_TRUE(allowed(judge(policy, inet("10.0.0.1", 443))));
  EXPECT_TRUE(allowed(judge(policy, inet("2001:db8::1", 443))));
  EXPECT_TRUE(allowed(judge(policy, inet("127.0.0.1", 80))));
  EXPECT_TRUE(allowed(judge(policy, unix_path("/run/anything.sock"))));
  EXPECT_TRUE(allowed(judge(policy, abstract("anything"))));
}

TEST(NetworkDecideAddress, LoopbackInBothModes) {
  for (NetworkMode mode : {NetworkMode::Words, NetworkMode::Strict}) {
    const NetworkPolicy on = policy_of(mode, true);
    const NetworkPolicy off = policy_of(mode, false);
    for (std::string_view text : {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "0.0.0.0", "::"}) {
      EXPECT_TRUE(allowed(judge(on, inet(text, 80)))) << text;
      EXPECT_TRUE(refused(judge(off, inet(text, 80)), NetworkRule::Loopback)) << text;
      EXPECT_TRUE(allowed(judge(on, inet(text, 80), "unrelated.example"))) << text;
    }
  }
}

TEST(NetworkDecideAddress, ResolvedFrom) {
  const NetworkPolicy words = policy_of(NetworkMode::Words);
  EXPECT_TRUE(refused(judge(words, inet("10.0.0.1", 443), "engram-prod-db.example"),
                      NetworkRule::RefusedWord, "prod"));
  EXPECT_TRUE(refused(judge(words, inet("10.0.0.1", 443), "UAT.example."),
                      NetworkRule::RefusedWord, "uat"));
  EXPECT_TRUE(allowed(judge(words, inet("10.0.0.1", 443), "dev.azure.com")));
  EXPECT_TRUE(allowed(judge(words, inet("10.0.0.1", 443), "10.0.0.1")));

  static constexpr std::array<std::string_view, 2> kAllowed{"api.example.com",
                                                            "*.staging.example.com:443"};
  const NetworkPolicy policy = strict(kAllowed);
  EXPECT_TRUE(allowed(judge(policy, inet("52.1.1.1", 80), "api.example.com")));
  EXPECT_TRUE(allowed(judge(policy, inet("2001:db8::7", 80), "API.example.com.")));
  EXPECT_TRUE(allowed(judge(policy, inet("52.1.1.1", 443), "x.staging.example.com")));
  EXPECT_TRUE(refused(judge(policy, inet("52.1.1.1", 80), "x.staging.example.com"),
                      NetworkRule::NotAllowed))
      << "the address's port is the name's";
  EXPECT_TRUE(refused(judge(policy, inet("52.1.1.1", 80), "other.com"), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(policy, inet("52.1.1.1", 80)), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(policy, inet("52.1.1.1", 80), "52.1.1.1"), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(policy, inet("52.1.1.1", 443), "prod.staging.example.com"),
                      NetworkRule::RefusedWord, "prod"));
  const NetworkPolicy no_loopback = strict(kAllowed, false);
  EXPECT_TRUE(refused(judge(no_loopback, inet("127.0.0.1", 80), "api.example.com"),
                      NetworkRule::Loopback))
      << "loopback is judged before the name";
  EXPECT_TRUE(refused(judge(no_loopback, inet("10.0.0.1", 80), "localhost"), NetworkRule::Loopback));
}

TEST(NetworkDecideAddress, StrictNetworksBeforeLoopback) {
  static constexpr std::array<std::string_view, 1> kAllowed{"127.0.0.2:8080"};
  const NetworkPolicy policy = strict(kAllowed, false);
  EXPECT_TRUE(allowed(judge(policy, inet("127.0.0.2", 8080))));
  EXPECT_TRUE(allowed(judge(policy, inet("::ffff:127.0.0.2", 8080))));
  EXPECT_TRUE(refused(judge(policy, inet("127.0.0.2", 8081)), NetworkRule::Loopback));
  EXPECT_TRUE(refused(judge(policy, inet("127.0.0.1", 8080)), NetworkRule::Loopback));
  EXPECT_TRUE(refused(judge(policy, inet("10.0.0.1", 8080)), NetworkRule::NotAllowed));
}

TEST(NetworkDecideAddress, CidrEdges) {
  static constexpr std::array<std::string_view, 1> kAll4{"0.0.0.0/0"};
  const NetworkPolicy all4 = strict(kAll4);
  EXPECT_TRUE(allowed(judge(all4, inet("1.2.3.4", 1))));
  EXPECT_TRUE(allowed(judge(all4, inet("255.255.255.255", 65535))));
  EXPECT_TRUE(allowed(judge(all4, inet("::ffff:8.8.8.8", 53))));
  EXPECT_TRUE(refused(judge(all4, inet("2001:db8::1", 1)), NetworkRule::NotAllowed));

  static constexpr std::array<std::string_view, 1> kAll6{"[::/0]"};
  const NetworkPolicy all6 = strict(kAll6);
  EXPECT_TRUE(allowed(judge(all6, inet("2001:db8::1", 1))));
  EXPECT_TRUE(allowed(judge(all6, inet("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1))));
  EXPECT_TRUE(refused(judge(all6, inet("1.2.3.4", 1)), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(all6, inet("::ffff:1.2.3.4", 1)), NetworkRule::NotAllowed));

  static constexpr std::array<std::string_view, 2> kHosts{"1.2.3.4/32", "[2001:db8::1/128]"};
  const NetworkPolicy hosts = strict(kHosts);
  EXPECT_TRUE(allowed(judge(hosts, inet("1.2.3.4", 1))));
  EXPECT_TRUE(refused(judge(hosts, inet("1.2.3.5", 1)), NetworkRule::NotAllowed));
  EXPECT_TRUE(allowed(judge(hosts, inet("2001:db8::1", 1))));
  EXPECT_TRUE(refused(judge(hosts, inet("2001:db8::2", 1)), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(hosts, inet("2001:db8::1:0", 1)), NetworkRule::NotAllowed));

  static constexpr std::array<std::string_view, 3> kOdd{"[fc00::/7]", "10.128.0.0/9", "10.1.2.3/8"};
  const NetworkPolicy odd = strict(kOdd);
  EXPECT_TRUE(allowed(judge(odd, inet("fc00::1", 1))));
  EXPECT_TRUE(allowed(judge(odd, inet("fdff:ffff::1", 1))));
  EXPECT_TRUE(refused(judge(odd, inet("fe00::1", 1)), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(odd, inet("fb00::1", 1)), NetworkRule::NotAllowed));
  EXPECT_TRUE(allowed(judge(odd, inet("10.128.0.1", 1))));
  EXPECT_TRUE(allowed(judge(odd, inet("10.255.255.255", 1))));
  EXPECT_TRUE(allowed(judge(odd, inet("10.9.9.9", 1))) << "10.1.2.3/8 is 10.0.0.0/8");
  EXPECT_TRUE(refused(judge(odd, inet("11.0.0.0", 1)), NetworkRule::NotAllowed));
}

TEST(NetworkDecideAddress, PortRanges) {
  static constexpr std::array<std::string_view, 2> kAllowed{"10.0.0.0/8:8000-8080", "[fd00::1]:*"};
  const NetworkPolicy policy = strict(kAllowed);
  EXPECT_TRUE(allowed(judge(policy, inet("10.0.0.1", 8000))));
  EXPECT_TRUE(allowed(judge(policy, inet("10.0.0.1", 8080))));
  EXPECT_TRUE(refused(judge(policy, inet("10.0.0.1", 7999)), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(policy, inet("10.0.0.1", 8081)), NetworkRule::NotAllowed));
  EXPECT_TRUE(allowed(judge(policy, inet("fd00::1", 0))));
  EXPECT_TRUE(allowed(judge(policy, inet("fd00::1", 65535))));
}

TEST(NetworkDecideAddress, UnixSockets) {
  static constexpr std::array<std::string_view, 3> kAllowed{"unix:/run/app/*.sock", "unix:@name",
                                                            "unix:@db-?"};
  const NetworkPolicy policy = strict(kAllowed, false);
  EXPECT_TRUE(allowed(judge(policy, unix_path("/run/app/a.sock"))));
  EXPECT_TRUE(allowed(judge(policy, unix_path("/run/app/sub/a.sock"))));
  EXPECT_TRUE(refused(judge(policy, unix_path("/run/APP/a.sock")), NetworkRule::NotAllowed))
      << "paths compare case-sensitively";
  EXPECT_TRUE(refused(judge(policy, unix_path("/run/other.sock")), NetworkRule::NotAllowed));
  EXPECT_TRUE(allowed(judge(policy, unix_socket(std::string_view("/run/app/a.sock\0x", 17), 17))))
      << "the path ends at the first NUL";
  EXPECT_TRUE(allowed(judge(policy, abstract("name"))));
  EXPECT_TRUE(allowed(judge(policy, abstract("db-1"))));
  EXPECT_TRUE(refused(judge(policy, abstract("db-12")), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(policy, abstract("other")), NetworkRule::NotAllowed));
  EXPECT_TRUE(refused(judge(policy, abstract(std::string("name\0", 5))), NetworkRule::NotAllowed))
      << "an abstract name is every byte of the length";
  EXPECT_TRUE(refused(judge(policy, unix_path("name")), NetworkRule::NotAllowed))
      << "a relative path is not the abstract name";
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_UNIX, sizeof(sa_family_t))))) << "unnamed";

  static constexpr std::array<std::string_view, 1> kNetworksOnly{"10.0.0.0/8"};
  EXPECT_TRUE(refused(judge(strict(kNetworksOnly), unix_path("/run/app/a.sock")),
                      NetworkRule::NotAllowed));
}

TEST(NetworkDecideAddress, OtherFamiliesAndShortAddresses) {
  const NetworkPolicy policy = strict({}, false);
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_UNSPEC, sizeof(sockaddr)))));
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_NETLINK, 12))));
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_PACKET, 20))));
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_INET, 8)))) << "the kernel refuses it (EINVAL)";
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_INET6, 23))));
  EXPECT_TRUE(allowed(judge(policy, family_only(AF_INET, 1))));
  EXPECT_TRUE(allowed(staging::decide_address(policy, nullptr, 16, "prod")));
  EXPECT_TRUE(refused(judge(policy, inet("10.0.0.1", 80)), NetworkRule::NotAllowed));
}

// --- refused_hosts_addresses -------------------------------------------------

std::vector<std::string> hosts_found(const NetworkPolicy& policy, std::string_view text) {
  std::vector<std::string> found;
  staging::refused_hosts_addresses(policy, text, [&found](const IpAddress& address) {
    found.push_back(format_ip(address));
  });
  return found;
}

TEST(NetworkHostsFile, AddressesOfRefusedNames) {
  const std::string_view hosts =
      "# The hosts file of a test machine: prod in a comment\n"
      "127.0.0.1\tlocalhost\n"
      "10.1.2.3 engram-prod-db.internal db # a comment\n"
      "10.1.2.4 staging-db # prod, in a comment\n"
      "10.1.2.5\tstaging-db\t PROD-alias.\r\n"
      "fd00::5 uat-api\n"
      "fe80::1%lo0 prod-link\n"
      "garbage prod\n"
      "127.1 prod-short\n"
      "prod 10.1.2.8\n"
      "   \t \r\n"
      "\n"
      "::ffff:10.0.0.9 a b c prod-mapped\n"
      "10.1.2.6 products.example.com\n"
      "10.1.2.9\n"
      "  10.1.2.10   indented-uat  \n"
      "10.1.2.7 prod";
  EXPECT_EQ(hosts_found(policy_of(NetworkMode::Words), hosts),
            (std::vector<std::string>{"10.1.2.3", "10.1.2.5", "fd00::5", "10.0.0.9", "10.1.2.10",
                                      "10.1.2.7"}));
  EXPECT_EQ(hosts_found(policy_of(NetworkMode::Strict), hosts).size(), 6u);
  EXPECT_TRUE(hosts_found(policy_of(NetworkMode::Off), hosts).empty());
  EXPECT_TRUE(hosts_found(policy_of(NetworkMode::Words), "").empty());
  NetworkPolicy no_words = policy_of(NetworkMode::Words);
  no_words.refused_words = {};
  EXPECT_TRUE(hosts_found(no_words, hosts).empty());
}

TEST(NetworkHostsFile, OneCallPerLine) {
  EXPECT_EQ(hosts_found(policy_of(NetworkMode::Words), "10.0.0.1 prod uat prod-2\n"),
            (std::vector<std::string>{"10.0.0.1"}));
  EXPECT_EQ(hosts_found(policy_of(NetworkMode::Words), "10.0.0.1 prod\n10.0.0.1 uat\n"),
            (std::vector<std::string>{"10.0.0.1", "10.0.0.1"}));
}

// --- Text for messages -------------------------------------------------------

TEST(NetworkText, RuleNamesAndFixes) {
  EXPECT_EQ(staging::rule_name(NetworkRule::None), "");
  EXPECT_EQ(staging::rule_name(NetworkRule::RefusedWord), "word");
  EXPECT_EQ(staging::rule_name(NetworkRule::NotAllowed), "allow-list");
  EXPECT_EQ(staging::rule_name(NetworkRule::Loopback), "loopback");
  EXPECT_EQ(staging::rule_description(NetworkRule::RefusedWord), "the word rule");
  EXPECT_EQ(staging::rule_description(NetworkRule::NotAllowed), "the strict allow list");
  EXPECT_EQ(staging::rule_description(NetworkRule::Loopback), "loopback");
  EXPECT_EQ(staging::rule_fix(NetworkRule::None), "");
  EXPECT_EQ(staging::rule_fix(NetworkRule::RefusedWord),
            "reach the staging host instead, or change NETWORK_REFUSE in staging_tests_configure().");
  EXPECT_EQ(staging::rule_fix(NetworkRule::NotAllowed),
            "add the host to NETWORK_ALLOW in staging_tests_configure(), or list the test in "
            "NETWORK_UNGUARDED_TESTS.");
  EXPECT_EQ(staging::rule_fix(NetworkRule::Loopback),
            "set NETWORK_LOOPBACK ALLOW in staging_tests_configure().");
}

}  // namespace
