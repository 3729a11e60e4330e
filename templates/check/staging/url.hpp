// The rules for "database or service URL" targets (DATABASE_URL, REDIS_URL,
// ...): what a URL's host is, how a URL is shown, and when two URLs name
// the same target. Pure functions of their arguments, std library only:
// parse_url and same_url are constexpr, noexcept and allocate nothing (a
// constant expression cannot allocate, so url_test.cpp's static_asserts
// prove it), so the per-test check can call them freely. Only redact_url
// builds a string, for a message.
//
// THE rule for URLs (parse_url):
//
//   scheme://[user[:password]@]host[:port][rest]
//
//   scheme    RFC 3986: [A-Za-z][A-Za-z0-9+.-]*, then "://". So
//             "jdbc:postgresql://h/db" and "host:5432" are not URLs.
//   authority the bytes after "://" up to the first '/', '?' or '#'.
//   userinfo  up to the authority's LAST '@', so a password may hold an
//             unencoded '@' ("u:p@ss@h"); its first ':' ends the user.
//   host      one host: a reg-name (letters, digits, '-', '.', '_', '~',
//             "%XX") or "[IPv6]" (hex digits, ':' and '.', one ':' at
//             least), then ":port" or nothing; port is 1-5 digits, at most
//             65535. Several hosts ("postgres://h1:5432,h2/db",
//             "mongodb://a,b/"): each one of those, none empty; `host`
//             is then the whole list and `port` is "".
//   empty host valid only when the rest starts with '/' ("sqlite:///var/db",
//             "postgresql:///db?host=/run/postgresql": a local socket or
//             file), never for "redis://" or "http://?x".
//   rest      from the first '/', '?' or '#' after the authority, or "".
//   no URL    any control byte, space, DEL or byte from 0x80, anywhere: such
//             text is not what a client library parses the same way.
//
// THE SAFETY RULE: an '@' anywhere after the authority means the text is
// not a URL. The authority ends at the first '/', '?' or '#', but a
// password may hold any of them unencoded, and client libraries disagree
// on where such a password ends. Read by the rule above,
// "postgres://u:12/34@h/db" has host "u", port "12" and rest "/34@h/db":
// redact_url would show "12/34" and judge the host "u". With an '@' in the
// authority too the leak only moves: "postgres://u:p@ss/w@h/db" would show
// "ss/w" as host and path. So the text is refused; it can no longer be told
// from a URL whose password is in plain sight. (An '@' in a query,
// "?user=a@b", is refused with it: write it %40.)
//
// redact_url: the URL with the password (when the userinfo has a ':', even
// an empty one) replaced by "***", the user kept
// ("postgres://app:***@db.staging.internal:5432/app"), and the value of
// every query or fragment parameter (separated by '&' or ';', the name up
// to its first '=') whose name holds, ASCII case ignored, "password",
// "passwd", "secret", "token", "key", "signature" or "credential" replaced
// by "***" ("?sslmode=require&api_key=***", "#access_token=***"). Text
// that is not a URL comes back as "(not a URL, N bytes)": none of its bytes
// is shown, for it may be a secret, or hold one where the rule above cannot
// find it.
//
// same_url: both are URLs, scheme and host equal ignoring ASCII case, port
// and rest byte for byte; the userinfo is ignored, so a caller's URL with a
// password names the same target as the configured one without. ":5432"
// and "" are different ports, "/db" and "/db/" different databases.
//
// cmake/StagingTestsUrl.cmake has the configure-time twins
// (_staging_parse_url, _staging_redact_url, _staging_same_url);
// tests/unit/url_agree_test.cpp pins them to these on a shared corpus.
#ifndef STAGING_URL_HPP
#define STAGING_URL_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace staging {

// Views into the parsed text, each at its own offset even when empty, so
// that scheme "://" [user [":" password] "@"] host-and-port rest is the
// text again.
struct UrlParts {
  std::string_view scheme;      // as written
  std::string_view user;        // "" when none
  std::string_view password;    // "" when none
  bool has_userinfo = false;    // an '@' ended a user part
  bool has_password = false;    // the user part held ':'
  std::string_view host;        // single host: without port, IPv6 without brackets; several
                                // hosts: the whole list, port ""
  std::string_view port;        // digits, or "" (single host only)
  std::string_view rest;        // from the first '/', '?' or '#' after the authority, or ""
};

namespace url_detail {

inline constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The query parameter names that hold secrets, as infixes (ASCII case
// ignored). _staging_url_secret_parameter_words() in
// cmake/StagingTestsUrl.cmake is the same list; url_agree_test.cpp checks.
inline constexpr std::string_view kSecretParameterWords[] = {
    "password", "passwd", "secret", "token", "key", "signature", "credential"};

// string_view::substr may throw; this never does.
constexpr std::string_view slice(std::string_view text, std::size_t from,
                                 std::size_t count) noexcept {
  return std::string_view(text.data() + from, count);
}

constexpr std::size_t find_char(std::string_view text, char c, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == c) return i;
  }
  return kNone;
}

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_hex(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr bool is_scheme_char(char c) noexcept {
  return is_alpha(c) || is_digit(c) || c == '+' || c == '.' || c == '-';
}
// Printable ASCII, space excluded.
constexpr bool is_url_byte(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return byte > 0x20 && byte < 0x7f;
}
constexpr bool ends_authority(char c) noexcept { return c == '/' || c == '?' || c == '#'; }

constexpr char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

constexpr bool contains_ignoring_case(std::string_view text, std::string_view word) noexcept {
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (equal_ignoring_case(slice(text, i, word.size()), word)) return true;
  }
  return false;
}

// Letters, digits, '-', '.', '_', '~' and "%XX"; "" too.
constexpr bool is_reg_name(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) return false;
      i += 2;
    } else if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.' && c != '_' && c != '~') {
      return false;
    }
  }
  return true;
}

constexpr bool is_ipv6_text(std::string_view text) noexcept {
  bool colon = false;
  for (char c : text) {
    if (!is_hex(c) && c != ':' && c != '.') return false;
    colon = colon || c == ':';
  }
  return colon;
}

// 1-5 digits, at most 65535 (leading zeros allowed: "00080" is 80).
constexpr bool is_port(std::string_view text) noexcept {
  if (text.empty() || text.size() > 5) return false;
  unsigned value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value <= 65535;
}

// One host[:port]: its host (IPv6 without brackets, "" allowed here) and
// port ("" when none, at the end of `text`).
constexpr bool split_host_port(std::string_view text, std::string_view& host,
                               std::string_view& port) noexcept {
  std::size_t port_at = kNone;
  if (!text.empty() && text[0] == '[') {
    const std::size_t close = find_char(text, ']');
    if (close == kNone) return false;
    host = slice(text, 1, close - 1);
    if (!is_ipv6_text(host)) return false;
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return false;
      port_at = close + 2;
    }
  } else {
    const std::size_t colon = find_char(text, ':');
    host = slice(text, 0, colon == kNone ? text.size() : colon);
    if (!is_reg_name(host)) return false;
    if (colon != kNone) port_at = colon + 1;
  }
  if (port_at == kNone) {
    port = slice(text, text.size(), 0);
    return true;
  }
  port = slice(text, port_at, text.size() - port_at);
  return is_port(port);
}

constexpr bool is_secret_parameter(std::string_view name) noexcept {
  for (std::string_view word : kSecretParameterWords) {
    if (contains_ignoring_case(name, word)) return true;
  }
  return false;
}

// Parameters separated by '&' or ';' (both are in use, and a name after
// either must not slip through), each "name=value" or "name".
inline void append_redacted_parameters(std::string& out, std::string_view text) {
  std::size_t start = 0;
  for (;;) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '&' && text[end] != ';') ++end;
    const std::string_view parameter = slice(text, start, end - start);
    const std::size_t equals = find_char(parameter, '=');
    if (equals != kNone && is_secret_parameter(slice(parameter, 0, equals))) {
      out.append(parameter.data(), equals + 1);
      out += "***";
    } else {
      out += parameter;
    }
    if (end == text.size()) return;
    out += text[end];
    start = end + 1;
  }
}

}  // namespace url_detail

// The rule for URLs (header comment). On failure `out` is left as it was.
constexpr bool parse_url(std::string_view text, UrlParts& out) noexcept {
  using namespace url_detail;
  for (char c : text) {
    if (!is_url_byte(c)) return false;
  }
  if (text.empty() || !is_alpha(text[0])) return false;
  std::size_t i = 1;
  while (i < text.size() && is_scheme_char(text[i])) ++i;
  if (text.size() - i < 3 || text[i] != ':' || text[i + 1] != '/' || text[i + 2] != '/') return false;

  UrlParts parts;
  parts.scheme = slice(text, 0, i);
  const std::size_t authority_at = i + 3;
  std::size_t authority_end = authority_at;
  while (authority_end < text.size() && !ends_authority(text[authority_end])) ++authority_end;
  // The safety rule (header comment).
  if (find_char(text, '@', authority_end) != kNone) return false;
  parts.rest = slice(text, authority_end, text.size() - authority_end);

  const std::string_view authority = slice(text, authority_at, authority_end - authority_at);
  std::size_t at = kNone;
  for (std::size_t j = 0; j < authority.size(); ++j) {
    if (authority[j] == '@') at = j;
  }
  std::size_t host_at = authority_at;
  parts.user = slice(text, authority_at, 0);
  parts.password = parts.user;
  if (at != kNone) {
    parts.has_userinfo = true;
    const std::size_t colon = find_char(slice(authority, 0, at), ':');
    if (colon == kNone) {
      parts.user = slice(text, authority_at, at);
      parts.password = slice(text, authority_at + at, 0);
    } else {
      parts.has_password = true;
      parts.user = slice(text, authority_at, colon);
      parts.password = slice(text, authority_at + colon + 1, at - colon - 1);
    }
    host_at = authority_at + at + 1;
  }

  const std::string_view hosts = slice(text, host_at, authority_end - host_at);
  if (find_char(hosts, ',') != kNone) {
    std::size_t start = 0;
    for (;;) {
      std::size_t end = find_char(hosts, ',', start);
      if (end == kNone) end = hosts.size();
      std::string_view host;
      std::string_view port;
      if (!split_host_port(slice(hosts, start, end - start), host, port) || host.empty()) {
        return false;
      }
      if (end == hosts.size()) break;
      start = end + 1;
    }
    parts.host = hosts;
    parts.port = slice(text, authority_end, 0);
  } else {
    if (!split_host_port(hosts, parts.host, parts.port)) return false;
    if (parts.host.empty() && (parts.rest.empty() || parts.rest[0] != '/')) return false;
  }
  out = parts;
  return true;
}

// The URL for a message (header comment): password and secret parameter
// values as "***", or "(not a URL, N bytes)".
inline std::string redact_url(std::string_view text) {
  using namespace url_detail;
  UrlParts parts;
  if (!parse_url(text, parts)) {
    return "(not a URL, " + std::to_string(text.size()) + " bytes)";
  }
  std::string out;
  out.reserve(text.size() + 8);
  out += parts.scheme;
  out += "://";
  if (parts.has_userinfo) {
    out += parts.user;
    if (parts.has_password) out += ":***";
    out += '@';
  }
  // The host and port as written (brackets and all): after the '@', which
  // is just past the password (an absent one sits at the user's end).
  const char* const hosts_at = parts.has_userinfo ? parts.password.data() + parts.password.size() + 1
                                                  : parts.user.data();
  out.append(hosts_at, static_cast<std::size_t>(parts.rest.data() - hosts_at));

  const std::string_view rest = parts.rest;
  std::size_t mark = 0;
  while (mark < rest.size() && rest[mark] != '?' && rest[mark] != '#') ++mark;
  out += slice(rest, 0, mark);
  if (mark == rest.size()) return out;
  std::size_t fragment = rest.size();
  if (rest[mark] == '?') {
    const std::size_t hash = find_char(rest, '#', mark);
    fragment = hash == kNone ? rest.size() : hash;
    out += '?';
    append_redacted_parameters(out, slice(rest, mark + 1, fragment - mark - 1));
  } else {
    fragment = mark;
  }
  if (fragment < rest.size()) {
    out += '#';
    append_redacted_parameters(out, slice(rest, fragment + 1, rest.size() - fragment - 1));
  }
  return out;
}

// Whether `a` and `b` name the same target (header comment).
constexpr bool same_url(std::string_view a, std::string_view b) noexcept {
  UrlParts x;
  UrlParts y;
  if (!parse_url(a, x) || !parse_url(b, y)) return false;
  return url_detail::equal_ignoring_case(x.scheme, y.scheme) &&
         url_detail::equal_ignoring_case(x.host, y.host) && x.port == y.port && x.rest == y.rest;
}

}  // namespace staging

#endif  // STAGING_URL_HPP
