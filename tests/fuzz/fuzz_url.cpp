// libFuzzer target for the URL rules (templates/check/staging/url.hpp):
// parse_url against a plain re-implementation with std::string, its parts
// as views at consistent offsets that spell the text again, redact_url
// against its documented definition and never showing a password,
// same_url reflexive, symmetric and blind to the userinfo, and URLs built
// from parts parsing back into those parts. Aborts when an invariant
// breaks. Built twice: with clang -fsanitize=fuzzer (the fuzz.url test)
// and, with replay_main.cpp, as a plain program that replays corpus_url/
// and regressions_url/ (the fuzz.url_regressions test, any compiler). The
// CMake twins (cmake/StagingTestsUrl.cmake) are not fuzzed: url_agree_test.cpp
// pins them to these rules on a corpus.
//
// Input: any bytes. Checked as they are: the whole input; the text before
// its first NUL and the text after it, alone and as a pair. Then built into
// a URL: byte 0 flags, the rest fields separated by NUL:
//
//   flags  1 a userinfo, 2 a password, 4 a port, 8 IPv6 hosts, 16 a rest,
//          32 several hosts
//   fields scheme, user, password, host(s, separated by ','), port, rest;
//          each mapped onto the bytes its part may hold
//
// tests/fuzz/README.md says how to run it and how to keep a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staging/url.hpp"

namespace {

[[noreturn]] void fail(const char* what, int line) {
  std::fprintf(stderr, "fuzz_url.cpp:%d: invariant broken: %s\n", line, what);
  std::abort();
}

#define FUZZ_CHECK(condition)                     \
  do {                                            \
    if (!(condition)) fail(#condition, __LINE__); \
  } while (false)

using staging::UrlParts;

// --- The oracle: the rules of url.hpp's header comment, with std::string ---------

struct Ref {
  std::string scheme, user, password;
  bool has_userinfo = false;
  bool has_password = false;
  std::string host, port, rest;
  std::string hosts;  // the host list as written, brackets and all
};

bool in(char c, const char* set) { return c != '\0' && std::strchr(set, c) != nullptr; }

constexpr const char* kAlpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr const char* kDigit = "0123456789";
constexpr const char* kHex = "0123456789abcdefABCDEF";

bool alnum(char c) { return in(c, kAlpha) || in(c, kDigit); }

bool ref_port(const std::string& port) {
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (!in(c, kDigit)) return false;
  }
  return std::stoul(port) <= 65535;
}

// One host[:port]; `host` without brackets.
bool ref_host_port(const std::string& text, std::string& host, std::string& port) {
  port.clear();
  std::string after;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string::npos) return false;
    host = text.substr(1, close - 1);
    if (host.empty() || host.find(':') == std::string::npos) return false;
    for (char c : host) {
      if (!in(c, kHex) && c != ':' && c != '.') return false;
    }
    after = text.substr(close + 1);
  } else {
    const std::size_t colon = text.find(':');
    host = text.substr(0, colon);
    after = colon == std::string::npos ? "" : text.substr(colon);
    for (std::size_t i = 0; i < host.size(); ++i) {
      if (host[i] == '%') {
        if (i + 2 >= host.size() || !in(host[i + 1], kHex) || !in(host[i + 2], kHex)) return false;
        i += 2;
      } else if (!alnum(host[i]) && !in(host[i], "-._~")) {
        return false;
      }
    }
  }
  if (after.empty()) return true;
  if (after.front() != ':') return false;
  port = after.substr(1);
  return ref_port(port);
}

std::optional<Ref> ref_parse(const std::string& text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return std::nullopt;
  }
  const std::size_t separator = text.find("://");
  if (separator == std::string::npos || separator == 0) return std::nullopt;
  Ref ref;
  ref.scheme = text.substr(0, separator);
  if (!in(ref.scheme[0], kAlpha)) return std::nullopt;
  for (char c : ref.scheme) {
    if (!alnum(c) && !in(c, "+-.")) return std::nullopt;
  }
  const std::string after = text.substr(separator + 3);
  const std::size_t end = after.find_first_of("/?#");
  const std::string authority = after.substr(0, end);
  ref.rest = end == std::string::npos ? "" : after.substr(end);
  if (ref.rest.find('@') != std::string::npos) return std::nullopt;
  ref.hosts = authority;
  const std::size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    ref.has_userinfo = true;
    const std::string userinfo = authority.substr(0, at);
    ref.hosts = authority.substr(at + 1);
    const std::size_t colon = userinfo.find(':');
    ref.user = userinfo.substr(0, colon);
    if (colon != std::string::npos) {
      ref.has_password = true;
      ref.password = userinfo.substr(colon + 1);
    }
  }
  if (ref.hosts.find(',') != std::string::npos) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = ref.hosts.find(',', start);
      std::string host;
      std::string port;
      if (!ref_host_port(ref.hosts.substr(start, comma - start), host, port) || host.empty()) {
        return std::nullopt;
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    ref.host = ref.hosts;
    return ref;
  }
  if (!ref_host_port(ref.hosts, ref.host, ref.port)) return std::nullopt;
  if (ref.host.empty() && (ref.rest.empty() || ref.rest.front() != '/')) return std::nullopt;
  return ref;
}

std::string lowered(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

std::string ref_redact_parameters(const std::string& text) {
  static const char* const kWords[] = {"password", "passwd", "secret", "token",
                                       "key", "signature", "credential"};
  std::string out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find_first_of("&;", start);
    const std::string parameter = text.substr(start, end - start);
    const std::size_t equals = parameter.find('=');
    bool secret = false;
    if (equals != std::string::npos) {
      const std::string name = lowered(parameter.substr(0, equals));
      for (const char* word : kWords) secret = secret || name.find(word) != std::string::npos;
    }
    out += secret ? parameter.substr(0, equals) + "=***" : parameter;
    if (end == std::string::npos) return out;
    out += text[end];
    start = end + 1;
  }
}

std::string ref_redact(const std::string& text) {
  const std::optional<Ref> ref = ref_parse(text);
  if (!ref) return "(not a URL, " + std::to_string(text.size()) + " bytes)";
  std::string out = ref->scheme + "://";
  if (ref->has_userinfo) out += ref->user + (ref->has_password ? ":***" : "") + "@";
  out += ref->hosts;
  const std::size_t mark = ref->rest.find_first_of("?#");
  out += ref->rest.substr(0, mark);
  if (mark == std::string::npos) return out;
  std::string fragment;
  bool has_fragment = false;
  if (ref->rest[mark] == '?') {
    const std::size_t hash = ref->rest.find('#', mark);
    out += "?" + ref_redact_parameters(ref->rest.substr(mark + 1, hash - mark - 1));
    if (hash != std::string::npos) {
      has_fragment = true;
      fragment = ref->rest.substr(hash + 1);
    }
  } else {
    has_fragment = true;
    fragment = ref->rest.substr(mark + 1);
  }
  if (has_fragment) out += "#" + ref_redact_parameters(fragment);
  return out;
}

// --- Checks ------------------------------------------------------------------------

bool within(std::string_view text, std::string_view part) {
  return part.data() >= text.data() && part.data() + part.size() <= text.data() + text.size();
}

std::size_t offset(std::string_view text, std::string_view part) {
  return static_cast<std::size_t>(part.data() - text.data());
}

bool same_parts(const UrlParts& a, const UrlParts& b) {
  return a.scheme == b.scheme && a.user == b.user && a.password == b.password &&
         a.has_userinfo == b.has_userinfo && a.has_password == b.has_password && a.host == b.host &&
         a.port == b.port && a.rest == b.rest;
}

// Occurs in `text` at `at` and nowhere else.
bool only_at(std::string_view text, std::string_view part, std::size_t at) {
  return text.find(part) == at && text.find(part, at + 1) == std::string_view::npos;
}

void check_views(std::string_view text, const UrlParts& parts) {
  for (std::string_view part :
       {parts.scheme, parts.user, parts.password, parts.host, parts.port, parts.rest}) {
    FUZZ_CHECK(within(text, part));
  }
  // scheme "://" [user [":" password] "@"] hosts rest, at these offsets.
  FUZZ_CHECK(offset(text, parts.scheme) == 0);
  const std::size_t user_at = parts.scheme.size() + 3;
  FUZZ_CHECK(text.substr(parts.scheme.size(), 3) == "://");
  FUZZ_CHECK(offset(text, parts.user) == user_at);
  std::size_t hosts_at = user_at;
  if (parts.has_userinfo) {
    std::size_t at = user_at + parts.user.size();
    if (parts.has_password) {
      FUZZ_CHECK(text[at] == ':');
      FUZZ_CHECK(offset(text, parts.password) == at + 1);
      at += 1 + parts.password.size();
    } else {
      FUZZ_CHECK(parts.password.empty() && offset(text, parts.password) == at);
    }
    FUZZ_CHECK(text[at] == '@');
    hosts_at = at + 1;
  } else {
    FUZZ_CHECK(!parts.has_password && parts.user.empty() && parts.password.empty());
    FUZZ_CHECK(offset(text, parts.password) == user_at);
  }
  const std::size_t rest_at = text.size() - parts.rest.size();
  FUZZ_CHECK(offset(text, parts.rest) == rest_at && rest_at >= hosts_at);
  const std::string_view hosts = text.substr(hosts_at, rest_at - hosts_at);
  if (hosts.find(',') != std::string_view::npos) {
    FUZZ_CHECK(parts.host.data() == hosts.data() && parts.host.size() == hosts.size());
    FUZZ_CHECK(parts.port.empty() && offset(text, parts.port) == rest_at);
  } else {
    const bool bracketed = !hosts.empty() && hosts[0] == '[';
    const std::size_t host_at = hosts_at + (bracketed ? 1 : 0);
    FUZZ_CHECK(offset(text, parts.host) == host_at);
    std::size_t host_end = host_at + parts.host.size();
    if (bracketed) FUZZ_CHECK(text[host_end++] == ']');
    if (parts.port.empty()) {
      FUZZ_CHECK(host_end == rest_at && offset(text, parts.port) == rest_at);
    } else {
      FUZZ_CHECK(text[host_end] == ':' && offset(text, parts.port) == host_end + 1);
      FUZZ_CHECK(host_end + 1 + parts.port.size() == rest_at);
    }
  }
  // The rules, restated on the parts.
  FUZZ_CHECK(parts.rest.empty() || parts.rest[0] == '/' || parts.rest[0] == '?' || parts.rest[0] == '#');
  FUZZ_CHECK(hosts.find_first_of("/?#@") == std::string_view::npos);
  FUZZ_CHECK(parts.user.find(':') == std::string_view::npos);
  FUZZ_CHECK(parts.rest.find('@') == std::string_view::npos);
  FUZZ_CHECK(!parts.host.empty() || (!parts.rest.empty() && parts.rest[0] == '/'));
}

// The password, and every secret parameter's value, never shown.
void check_no_leak(std::string_view text, const UrlParts& parts, const std::string& shown) {
  const std::size_t at = offset(text, parts.password);
  // A password of '*' may match the mask; one found elsewhere in the text
  // is shown there.
  if (!parts.password.empty() && parts.password.find('*') == std::string_view::npos &&
      only_at(text, parts.password, at)) {
    FUZZ_CHECK(shown.find(parts.password) == std::string::npos);
  }
  FUZZ_CHECK(!parts.has_password || shown.find(":***@") != std::string::npos);
}

void check_text(std::string_view text) {
  UrlParts parts;
  parts.scheme = "untouched";
  parts.has_password = true;
  const bool ok = staging::parse_url(text, parts);
  const std::optional<Ref> ref = ref_parse(std::string(text));
  FUZZ_CHECK(ok == ref.has_value());
  const std::string shown = staging::redact_url(text);
  FUZZ_CHECK(shown == ref_redact(std::string(text)));
  if (!ok) {
    FUZZ_CHECK(parts.scheme == "untouched" && parts.has_password && parts.host.empty());
    FUZZ_CHECK(shown == "(not a URL, " + std::to_string(text.size()) + " bytes)");
    FUZZ_CHECK(!staging::same_url(text, text));
    return;
  }
  FUZZ_CHECK(parts.scheme == ref->scheme && parts.user == ref->user &&
             parts.password == ref->password && parts.has_userinfo == ref->has_userinfo &&
             parts.has_password == ref->has_password && parts.host == ref->host &&
             parts.port == ref->port && parts.rest == ref->rest);
  check_views(text, parts);
  check_no_leak(text, parts, shown);
  UrlParts again;
  FUZZ_CHECK(staging::parse_url(text, again) && same_parts(parts, again));

  // The shown URL is a URL of the same host and port, the same target when
  // no parameter was masked, and shows itself.
  UrlParts shown_parts;
  FUZZ_CHECK(staging::parse_url(shown, shown_parts));
  FUZZ_CHECK(shown_parts.host == parts.host && shown_parts.port == parts.port &&
             shown_parts.user == parts.user && shown_parts.has_password == parts.has_password);
  FUZZ_CHECK(staging::same_url(text, shown) == (shown_parts.rest == parts.rest));
  FUZZ_CHECK(staging::redact_url(shown) == shown);

  // Without its userinfo, with another one, with scheme and host in another
  // case: the same target.
  FUZZ_CHECK(staging::same_url(text, text));
  const std::size_t hosts_at = parts.has_userinfo
                                   ? offset(text, parts.password) + parts.password.size() + 1
                                   : offset(text, parts.user);
  const std::string scheme(parts.scheme);
  const std::string bare = scheme + "://" + std::string(text.substr(hosts_at));
  const std::string other = scheme + "://x:y@" + std::string(text.substr(hosts_at));
  FUZZ_CHECK(staging::same_url(text, bare) && staging::same_url(bare, text));
  FUZZ_CHECK(staging::same_url(text, other) && staging::same_url(other, text));
  std::string flipped(text);
  const auto flip = [&flipped](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
      if (in(flipped[i], kAlpha)) flipped[i] = static_cast<char>(flipped[i] ^ 0x20);
    }
  };
  flip(0, parts.scheme.size());
  flip(offset(text, parts.host), parts.host.size());
  FUZZ_CHECK(staging::same_url(text, flipped) && staging::same_url(flipped, text));
  // Another port, or another rest, is another target.
  FUZZ_CHECK(!staging::same_url(text, std::string(text) + "/"));
}

void check_pair(std::string_view a, std::string_view b) {
  const bool same = staging::same_url(a, b);
  FUZZ_CHECK(same == staging::same_url(b, a));
  const std::optional<Ref> x = ref_parse(std::string(a));
  const std::optional<Ref> y = ref_parse(std::string(b));
  const bool expected = x && y && lowered(x->scheme) == lowered(y->scheme) &&
                        lowered(x->host) == lowered(y->host) && x->port == y->port &&
                        x->rest == y->rest;
  FUZZ_CHECK(same == expected);
}

// --- URLs built from parts ---------------------------------------------------------

// `field` mapped onto `set`, byte by byte.
std::string onto(std::string_view field, std::string_view set, std::size_t limit = 64) {
  std::string result;
  for (std::size_t i = 0; i < field.size() && i < limit; ++i) {
    result += set[static_cast<unsigned char>(field[i]) % set.size()];
  }
  return result;
}

// Every printable byte but those of `except`.
std::string printable_except(const char* except) {
  std::string set;
  for (char c = '!'; c <= '~'; ++c) {
    if (std::strchr(except, c) == nullptr) set += c;
  }
  return set;
}

void check_built(std::string_view input) {
  if (input.empty()) return;
  const unsigned flags = static_cast<unsigned char>(input[0]);
  std::vector<std::string_view> fields;
  std::string_view all = input.substr(1);
  for (int i = 0; i < 6; ++i) {
    const std::size_t end = all.find('\0');
    fields.push_back(all.substr(0, end));
    all.remove_prefix(end == std::string_view::npos ? all.size() : end + 1);
  }
  static const std::string kUserBytes = printable_except(":/?#");
  static const std::string kPasswordBytes = printable_except("/?#");
  static const std::string kRestBytes = printable_except("@");
  const std::string kRegName = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

  std::string scheme = "s" + onto(fields[0], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
  const bool userinfo = (flags & 1) != 0;
  const bool password = userinfo && (flags & 2) != 0;
  const std::string user = userinfo ? onto(fields[1], kUserBytes) : "";
  const std::string secret = password ? onto(fields[2], kPasswordBytes) : "";
  // Each host: IPv6 hex and ':' with one ':' at least, or a reg-name (with
  // "%XX" where the field has a '%').
  std::vector<std::string> hosts;
  bool empty_host = false;  // only ever for a single host
  const std::string_view host_field = fields[3];
  const std::size_t count = (flags & 32) != 0 ? 2 + host_field.size() % 3 : 1;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view piece = host_field.substr(std::min(host_field.size(), i * 8), 8);
    std::string host;
    if ((flags & 8) != 0) {
      host = "[" + onto(piece, "0123456789abcdefABCDEF:.") + ":]";
    } else {
      for (char c : piece) {
        host += c == '%' ? std::string("%4a") : std::string(1, kRegName[static_cast<unsigned char>(c) % kRegName.size()]);
      }
      if (host.empty() && count > 1) host = "h";
    }
    empty_host = host.empty();
    if ((flags & 4) != 0) {
      const std::string digits = onto(fields[4], "0123456789", 5);
      if (!digits.empty() && std::stoul(digits) <= 65535) host += ":" + digits;
    }
    hosts.push_back(host);
  }
  std::string list;
  for (const std::string& host : hosts) list += (list.empty() ? "" : ",") + host;
  std::string rest;
  if ((flags & 16) != 0 || empty_host) {
    rest = std::string(1, "/?#"[fields[5].empty() ? 0 : static_cast<unsigned char>(fields[5][0]) % 3]) +
           onto(fields[5], kRestBytes, 256);
    if (empty_host) rest[0] = '/';
  }
  const std::string url = scheme + "://" + (userinfo ? user + (password ? ":" + secret : "") + "@" : "") +
                          list + rest;
  UrlParts parts;
  FUZZ_CHECK(staging::parse_url(url, parts));
  FUZZ_CHECK(parts.scheme == scheme && parts.user == user && parts.password == secret);
  FUZZ_CHECK(parts.has_userinfo == userinfo && parts.has_password == password && parts.rest == rest);
  if (count > 1) {
    FUZZ_CHECK(parts.host == list && parts.port.empty());
  } else {
    std::string host = hosts[0];
    std::string port;
    const std::size_t colon = host[0] == '[' ? host.find(':', host.find(']')) : host.find(':');
    if (colon != std::string::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    if (!host.empty() && host[0] == '[') host = host.substr(1, host.size() - 2);
    FUZZ_CHECK(parts.host == host && parts.port == port);
  }
  check_text(url);
  const std::string shown = staging::redact_url(url);
  if (password && !secret.empty() && secret.find('*') == std::string::npos &&
      only_at(url, secret, offset(url, parts.password))) {
    FUZZ_CHECK(shown.find(secret) == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string_view all = bytes;
  check_text(all);
  const std::size_t nul = all.find('\0');
  const std::string_view a = all.substr(0, nul);
  const std::string_view b = nul == std::string_view::npos ? std::string_view() : all.substr(nul + 1);
  check_text(a);
  check_text(b);
  check_pair(a, b);
  check_pair(a, a);
  check_built(all);
  return 0;
}
