// url.hpp: the rule for URLs (schemes, userinfo, hosts, ports, the empty
// host, the safety rule), redact_url and same_url.
#include "staging/url.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace {

using staging::parse_url;
using staging::redact_url;
using staging::same_url;
using staging::UrlParts;

// What the tests compare: the parts as text.
struct Parts {
  std::string scheme, user, password;
  bool has_userinfo = false;
  bool has_password = false;
  std::string host, port, rest;
};

bool operator==(const Parts& a, const Parts& b) {
  return a.scheme == b.scheme && a.user == b.user && a.password == b.password &&
         a.has_userinfo == b.has_userinfo && a.has_password == b.has_password &&
         a.host == b.host && a.port == b.port && a.rest == b.rest;
}

std::ostream& operator<<(std::ostream& out, const Parts& p) {
  return out << "{scheme '" << p.scheme << "' user '" << p.user << "' password '" << p.password
             << "' userinfo " << p.has_userinfo << " has_password " << p.has_password << " host '"
             << p.host << "' port '" << p.port << "' rest '" << p.rest << "'}";
}

Parts parsed(std::string_view text) {
  UrlParts parts;
  EXPECT_TRUE(parse_url(text, parts)) << text;
  return Parts{std::string(parts.scheme), std::string(parts.user), std::string(parts.password),
               parts.has_userinfo, parts.has_password, std::string(parts.host),
               std::string(parts.port), std::string(parts.rest)};
}

bool is_url(std::string_view text) {
  UrlParts parts;
  return parse_url(text, parts);
}

// Where a view starts in the text it was cut from.
std::ptrdiff_t offset(std::string_view text, std::string_view part) {
  return part.data() - text.data();
}

// --- Constant expressions: nothing allocates ----------------------------------

constexpr bool parses(std::string_view text) {
  UrlParts parts;
  return parse_url(text, parts);
}

constexpr std::string_view host_of(std::string_view text) {
  UrlParts parts;
  return parse_url(text, parts) ? parts.host : std::string_view("(none)");
}

static_assert(parses("postgres://app:s3cr3t@db.staging.internal:5432/app?sslmode=require"));
static_assert(host_of("postgres://app:p@ss@db.staging.internal/app") == "db.staging.internal");
static_assert(host_of("redis://[::1]:6379/0") == "::1");
static_assert(!parses("postgres://u:12/34@h/db"));
static_assert(same_url("POSTGRES://app:x@DB.example/app", "postgres://db.example/app"));
static_assert(!same_url("postgres://db.example/app", "postgres://db.example:5432/app"));
static_assert(noexcept(parse_url(std::string_view(), std::declval<UrlParts&>())));
static_assert(noexcept(same_url(std::string_view(), std::string_view())));

// --- The rule for URLs ------------------------------------------------------

TEST(ParseUrl, TheStagingDatabaseUrl) {
  EXPECT_EQ(parsed("postgres://app:s3cr3t@db.staging.internal:5432/app?sslmode=require"),
            (Parts{"postgres", "app", "s3cr3t", true, true, "db.staging.internal", "5432",
                   "/app?sslmode=require"}));
  EXPECT_EQ(parsed("redis://cache.staging.internal"),
            (Parts{"redis", "", "", false, false, "cache.staging.internal", "", ""}));
  EXPECT_EQ(parsed("https://api.staging.example/v1#top"),
            (Parts{"https", "", "", false, false, "api.staging.example", "", "/v1#top"}));
  EXPECT_EQ(parsed("amqp://h?heartbeat=30"),
            (Parts{"amqp", "", "", false, false, "h", "", "?heartbeat=30"}));
}

TEST(ParseUrl, PartsAreViewsAtTheirOffsets) {
  const std::string_view text = "postgres://app:s3cr3t@[::1]:5432/app";
  UrlParts parts;
  ASSERT_TRUE(parse_url(text, parts));
  EXPECT_EQ(offset(text, parts.scheme), 0);
  EXPECT_EQ(offset(text, parts.user), 11);
  EXPECT_EQ(offset(text, parts.password), 15);
  EXPECT_EQ(offset(text, parts.host), 23);
  EXPECT_EQ(offset(text, parts.port), 28);
  EXPECT_EQ(offset(text, parts.rest), 32);

  // Absent parts are empty views where they would be.
  const std::string_view bare = "redis://cache:6379";
  ASSERT_TRUE(parse_url(bare, parts));
  EXPECT_EQ(offset(bare, parts.user), 8);
  EXPECT_EQ(offset(bare, parts.password), 8);
  EXPECT_EQ(offset(bare, parts.rest), static_cast<std::ptrdiff_t>(bare.size()));
  const std::string_view no_port = "redis://u@cache/1";
  ASSERT_TRUE(parse_url(no_port, parts));
  EXPECT_EQ(offset(no_port, parts.password), 9);  // at the user's end, the '@'
  EXPECT_EQ(offset(no_port, parts.port), 15);
}

TEST(ParseUrl, FailureLeavesTheOutputAsItWas) {
  UrlParts parts;
  ASSERT_TRUE(parse_url("s://u:p@h:1/r", parts));
  for (std::string_view text : {"", "s:/h", "postgres://u:12/34@h/db", "s://h:99999", "s://a,,b/"}) {
    EXPECT_FALSE(parse_url(text, parts)) << text;
    EXPECT_EQ(parts.scheme, "s");
    EXPECT_EQ(parts.password, "p");
    EXPECT_EQ(parts.host, "h");
    EXPECT_EQ(parts.port, "1");
    EXPECT_EQ(parts.rest, "/r");
    EXPECT_TRUE(parts.has_password);
  }
}

TEST(ParseUrl, Schemes) {
  for (std::string_view text : {"a://h", "Z://h", "postgresql://h", "postgresql+psycopg://h",
                                "mongodb+srv://h", "x-y.z://h", "a1+-.://h", "HTTPS://h"}) {
    EXPECT_TRUE(is_url(text)) << text;
  }
  EXPECT_EQ(parsed("PostgreSQL+asyncpg://h").scheme, "PostgreSQL+asyncpg");
  for (std::string_view text :
       {"", "://h", "1a://h", "+a://h", ".a://h", "-a://h", "a_b://h", "a b://h", "a!://h",
        "a:/h", "a:h", "a//h", "a", "a:", "a:/", "a;b://h", "jdbc:postgresql://h/db",
        "host:5432", "localhost:5432/db", "//h/db", "h/db"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
}

TEST(ParseUrl, Ipv6) {
  EXPECT_EQ(parsed("redis://[::1]:6379/0").host, "::1");
  EXPECT_EQ(parsed("redis://[::1]:6379/0").port, "6379");
  EXPECT_EQ(parsed("http://[2001:DB8::a:1]/").host, "2001:DB8::a:1");
  EXPECT_EQ(parsed("http://[::ffff:10.0.0.1]").host, "::ffff:10.0.0.1");
  EXPECT_EQ(parsed("http://u:p@[::1]").port, "");
  for (std::string_view text :
       {"http://[]/", "http://[1.2.3.4]/", "http://[::1/", "http://::1]/", "http://[::1]x/",
        "http://[::1]:/", "http://[::1]]", "http://[fe80::1%25eth0]/", "http://[g::1]/",
        "http://[::1][::2]/", "http://[v1.x]/", "http://h[::1]/", "http://[::1]:65536/",
        "http://[ ::1]/"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
}

TEST(ParseUrl, Ports) {
  EXPECT_EQ(parsed("s://h:0").port, "0");
  EXPECT_EQ(parsed("s://h:1/").port, "1");
  EXPECT_EQ(parsed("s://h:65535/").port, "65535");
  EXPECT_EQ(parsed("s://h:00080").port, "00080");
  EXPECT_EQ(parsed("s://h:09999?x").port, "09999");
  for (std::string_view text : {"s://h:65536", "s://h:99999", "s://h:000080", "s://h:123456",
                                "s://h:", "s://h:/db", "s://h:+1", "s://h:-1", "s://h:1a",
                                "s://h:0x50", "s://h:1:2", "s://h::1", "s://h:4294967297"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
}

TEST(ParseUrl, Userinfo) {
  EXPECT_EQ(parsed("postgres://app:p@ss@db/app"),
            (Parts{"postgres", "app", "p@ss", true, true, "db", "", "/app"}));
  EXPECT_EQ(parsed("postgres://app:p@s@s:w@db:5432/app"),
            (Parts{"postgres", "app", "p@s@s:w", true, true, "db", "5432", "/app"}));
  EXPECT_EQ(parsed("s://a@b@h"), (Parts{"s", "a@b", "", true, false, "h", "", ""}));
  EXPECT_EQ(parsed("s://app@h"), (Parts{"s", "app", "", true, false, "h", "", ""}));
  EXPECT_EQ(parsed("s://@h"), (Parts{"s", "", "", true, false, "h", "", ""}));
  EXPECT_EQ(parsed("s://:@h"), (Parts{"s", "", "", true, true, "h", "", ""}));
  EXPECT_EQ(parsed("s://:pw@h"), (Parts{"s", "", "pw", true, true, "h", "", ""}));
  EXPECT_EQ(parsed("s://u:@h"), (Parts{"s", "u", "", true, true, "h", "", ""}));
  // The user ends at the first ':'; the password may hold more.
  EXPECT_EQ(parsed("s://u:a:b:c@h").password, "a:b:c");
  // Anything printable but '/', '?' and '#' may be in the userinfo.
  EXPECT_EQ(parsed("s://u%40x:!$&'()*+,;=[]~@h").password, "!$&'()*+,;=[]~");
  EXPECT_EQ(parsed("s://u%40x:p%2Fw@h").user, "u%40x");
}

TEST(ParseUrl, TheSafetyRule) {
  // Each would otherwise put a piece of the password in the host, the port
  // or the rest.
  for (std::string_view text :
       {"postgres://u:12/34@h/db", "postgres://u:pa?ss@h/db", "postgres://u:pa#ss@h/db",
        "postgres://u:/@h", "postgres://u:p@ss/w@h/db", "postgres://u:p@x?y@h/db",
        "postgres://u:p@x#y@h", "redis://:a/b@cache:6379/0", "s://h/@", "s://h?x=@",
        "s://h#@", "postgres://h/db?user=app@tenant", "s:///@"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
  // Written %40, an '@' in the rest is fine.
  EXPECT_EQ(parsed("postgres://h/db?user=app%40tenant").rest, "/db?user=app%40tenant");
  // ... and so is a '/' in an encoded password.
  EXPECT_EQ(parsed("postgres://u:12%2F34@h/db").password, "12%2F34");
}

TEST(ParseUrl, SeveralHosts) {
  EXPECT_EQ(parsed("postgres://h1:5432,h2/db"),
            (Parts{"postgres", "", "", false, false, "h1:5432,h2", "", "/db"}));
  EXPECT_EQ(parsed("mongodb://a,b/"), (Parts{"mongodb", "", "", false, false, "a,b", "", "/"}));
  EXPECT_EQ(parsed("mongodb://u:p@a:27017,b:27018,[::1]:27019/?replicaSet=rs"),
            (Parts{"mongodb", "u", "p", true, true, "a:27017,b:27018,[::1]:27019", "",
                   "/?replicaSet=rs"}));
  EXPECT_EQ(parsed("mongodb://a,b").host, "a,b");
  for (std::string_view text :
       {"mongodb://a,,b/", "mongodb://,a/", "mongodb://a,/", "mongodb://,/", "mongodb://a,b:99999/",
        "mongodb://a,:5/", "mongodb://a,[::1/", "mongodb://a,b:/", "mongodb://a,b!/",
        "mongodb://a,[]/"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
}

TEST(ParseUrl, EmptyHost) {
  EXPECT_EQ(parsed("sqlite:///var/db.sqlite"),
            (Parts{"sqlite", "", "", false, false, "", "", "/var/db.sqlite"}));
  EXPECT_EQ(parsed("postgresql:///db?host=/run/postgresql").rest, "/db?host=/run/postgresql");
  EXPECT_EQ(parsed("file:///"), (Parts{"file", "", "", false, false, "", "", "/"}));
  EXPECT_EQ(parsed("postgresql://app@/db"), (Parts{"postgresql", "app", "", true, false, "", "", "/db"}));
  EXPECT_EQ(parsed("postgresql://:5433/db").port, "5433");
  for (std::string_view text : {"redis://", "http://?x", "http://#f", "s://u:p@", "s://u:p@?x",
                                "s://:5432", "s://:5432?x", "s://@"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
}

TEST(ParseUrl, HostCharactersAndPercentEncoding) {
  EXPECT_EQ(parsed("s://db_1.staging-eu~x/").host, "db_1.staging-eu~x");
  EXPECT_EQ(parsed("s://db%2Dstaging/").host, "db%2Dstaging");
  EXPECT_EQ(parsed("s://%41%5a%5A").host, "%41%5a%5A");
  EXPECT_EQ(parsed("s://UPPER.Example.COM").host, "UPPER.Example.COM");
  EXPECT_EQ(parsed("s://10.0.0.1:5432").host, "10.0.0.1");
  for (std::string_view text :
       {"s://%", "s://%4", "s://%4/", "s://%zz", "s://%4g", "s://h%", "s://%%41", "s://h!",
        "s://h$", "s://h&x", "s://h'", "s://h(", "s://h*", "s://h+x", "s://h;x", "s://h=x",
        "s://h\"", "s://h\\", "s://h^", "s://h`", "s://h{", "s://h|", "s://h<", "s://h[x"}) {
    EXPECT_FALSE(is_url(text)) << text;
  }
}

TEST(ParseUrl, ControlSpaceAndHighBytesAnywhere) {
  const std::string base = "postgres://app:s3cr3t@db:5432/app?x=1#f";
  for (char bad : {'\0', '\t', '\n', '\r', ' ', '\x01', '\x1f', '\x7f', '\x80', '\xa0', '\xff'}) {
    for (std::size_t at = 0; at <= base.size(); ++at) {
      std::string text = base;
      text.insert(at, 1, bad);
      EXPECT_FALSE(is_url(text)) << "byte " << static_cast<int>(static_cast<unsigned char>(bad))
                                 << " at " << at;
    }
  }
  EXPECT_TRUE(is_url(base));
  EXPECT_FALSE(is_url("postgres://db/app\n"));
  EXPECT_FALSE(is_url(" postgres://db/app"));
}

TEST(ParseUrl, TheRestIsKeptAsWritten) {
  EXPECT_EQ(parsed("s://h/a;b[c]\\d%zz'").rest, "/a;b[c]\\d%zz'");
  EXPECT_EQ(parsed("s://h?").rest, "?");
  EXPECT_EQ(parsed("s://h#").rest, "#");
  EXPECT_EQ(parsed("s://h/").rest, "/");
  EXPECT_EQ(parsed("s://h?a/b#c?d").rest, "?a/b#c?d");
  // The authority ends at the first of '/', '?' and '#', whichever comes first.
  EXPECT_EQ(parsed("s://h?x/y").host, "h");
  EXPECT_EQ(parsed("s://h#x/y").rest, "#x/y");
}

// --- redact_url -----------------------------------------------------------

TEST(RedactUrl, ThePasswordIsMaskedTheUserKept) {
  EXPECT_EQ(redact_url("postgres://app:s3cr3t@db.staging.internal:5432/app"),
            "postgres://app:***@db.staging.internal:5432/app");
  EXPECT_EQ(redact_url("postgres://app:p@ss@db/app"), "postgres://app:***@db/app");
  EXPECT_EQ(redact_url("s://:pw@h"), "s://:***@h");
  EXPECT_EQ(redact_url("s://u:@h"), "s://u:***@h");  // an empty password is masked too
  EXPECT_EQ(redact_url("s://app@h/db"), "s://app@h/db");
  EXPECT_EQ(redact_url("s://@h"), "s://@h");
  EXPECT_EQ(redact_url("redis://cache:6379/0"), "redis://cache:6379/0");
  EXPECT_EQ(redact_url("redis://u:p@[::1]:6379/0"), "redis://u:***@[::1]:6379/0");
  EXPECT_EQ(redact_url("mongodb://u:p@a:1,[::2]:3/x"), "mongodb://u:***@a:1,[::2]:3/x");
  EXPECT_EQ(redact_url("sqlite:///var/db.sqlite"), "sqlite:///var/db.sqlite");
  EXPECT_EQ(redact_url("postgresql://u:pw@/db?host=/run/pg"), "postgresql://u:***@/db?host=/run/pg");
}

TEST(RedactUrl, SecretQueryParameters) {
  EXPECT_EQ(redact_url("postgres://db/app?sslmode=require&password=s3cr3t"),
            "postgres://db/app?sslmode=require&password=***");
  for (std::string_view name :
       {"password", "PASSWORD", "db_password", "passwd", "PassWd", "secret", "client_secret",
        "token", "access_token", "X-Auth-Token", "key", "api_key", "apiKey", "sslkey", "keyspace",
        "AccountKey", "signature", "X-Amz-Signature", "sig-nature-x-SIGNATURE", "credential",
        "X-Amz-Credential", "credentials"}) {
    const std::string url = "https://h/p?a=1&" + std::string(name) + "=v4lue&b=2";
    EXPECT_EQ(redact_url(url), "https://h/p?a=1&" + std::string(name) + "=***&b=2") << name;
  }
  for (std::string_view name : {"sig", "sslmode", "pass", "user", "tok", "ke-y", "cred",
                                "pw", "auth", "passw0rd"}) {
    const std::string url = "https://h/p?" + std::string(name) + "=v4lue";
    EXPECT_EQ(redact_url(url), url) << name;
  }
}

TEST(RedactUrl, ParameterSeparatorsAndOddShapes) {
  EXPECT_EQ(redact_url("s://h?a=1;token=x;b=2"), "s://h?a=1;token=***;b=2");
  EXPECT_EQ(redact_url("s://h?a=1;b=2&key=x&"), "s://h?a=1;b=2&key=***&");
  EXPECT_EQ(redact_url("s://h?x=1;token=y"), "s://h?x=1;token=***");  // not "x=1;token=y" as one value
  EXPECT_EQ(redact_url("s://h?token"), "s://h?token");      // no value to hide
  EXPECT_EQ(redact_url("s://h?token="), "s://h?token=***");
  EXPECT_EQ(redact_url("s://h?token=a=b"), "s://h?token=***");
  EXPECT_EQ(redact_url("s://h?=token"), "s://h?=token");    // a value is no name
  EXPECT_EQ(redact_url("s://h?&&key=1&&"), "s://h?&&key=***&&");
  EXPECT_EQ(redact_url("s://h?"), "s://h?");
  EXPECT_EQ(redact_url("s://h/a;key=1/b"), "s://h/a;key=1/b");  // the path is not a query
  EXPECT_EQ(redact_url("s://h/p?secret=1#frag"), "s://h/p?secret=***#frag");
  EXPECT_EQ(redact_url("s://h/p?secret=1?token=2"), "s://h/p?secret=***");
  EXPECT_EQ(redact_url("s://h/p?a=1?token=2"), "s://h/p?a=1?token=2");  // one name "a", value "1?token=2"
  // The fragment: OAuth's implicit grant puts the access token there.
  EXPECT_EQ(redact_url("https://h/cb#access_token=x&state=1"), "https://h/cb#access_token=***&state=1");
  EXPECT_EQ(redact_url("https://h/cb#/p?id_token=x"), "https://h/cb#/p?id_token=***");
  EXPECT_EQ(redact_url("s://h#?token=1"), "s://h#?token=***");
  EXPECT_EQ(redact_url("s://h?a=1#token=2&key=3"), "s://h?a=1#token=***&key=***");
}

TEST(RedactUrl, TextThatIsNotAUrlShowsNoByte) {
  EXPECT_EQ(redact_url(""), "(not a URL, 0 bytes)");
  EXPECT_EQ(redact_url("postgres://u:12/34@h/db"), "(not a URL, 23 bytes)");
  EXPECT_EQ(redact_url("s3cr3t"), "(not a URL, 6 bytes)");
  EXPECT_EQ(redact_url("jdbc:postgresql://h/db?password=x"), "(not a URL, 33 bytes)");
  EXPECT_EQ(redact_url(std::string_view("s://h\0x", 7)), "(not a URL, 7 bytes)");
  EXPECT_EQ(redact_url("postgres://app:s3cr3t@db/app\n"), "(not a URL, 29 bytes)");
}

TEST(RedactUrl, NeverShowsThePassword) {
  const std::string secret = "Zq7-Secret-Kx";
  for (std::string shape :
       {"postgres://app:{}@db:5432/app", "postgres://app:{}@[::1]/app", "s://:{}@h", "s://a@b:{}@h",
        "mongodb://u:{}@a,b/?replicaSet=r", "postgresql://u:{}@/db?host=/run/pg", "s://u:x{}@@h",
        "s://u:{}:@h", "s://u:@{}@h", "s://u:{}@h?password=1", "s://u:{}@h?a=1#b=2",
        "s://u:%{}@h", "redis://:{}@cache"}) {
    shape.replace(shape.find("{}"), 2, secret);
    UrlParts parts;
    ASSERT_TRUE(parse_url(shape, parts)) << shape;
    ASSERT_NE(parts.password.find(secret), std::string_view::npos) << shape;
    const std::string shown = redact_url(shape);
    EXPECT_EQ(shown.find("Secret"), std::string::npos) << shown;
  }
  // A password with '/', '?' or '#' unencoded is no URL: none of it is shown.
  for (std::string_view text :
       {"postgres://app:Zq7/Secret@db/app", "postgres://app:Zq7?Secret@db/app",
        "postgres://app:Zq7#Secret@db/app", "postgres://app:Zq7@Secret/x@db/app",
        "postgres://app:Zq7 Secret@db/app", "postgres://app:Zq7\tSecret@db/app",
        "postgres://app:Zq7\xc3\xa9Secret@db/app"}) {
    const std::string shown = redact_url(text);
    EXPECT_EQ(shown.find("Secret"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("Zq7"), std::string::npos) << shown;
    EXPECT_EQ(shown, "(not a URL, " + std::to_string(text.size()) + " bytes)");
  }
  // Nor the value of a secret parameter.
  const std::string shown = redact_url("s://h/db?sslpassword=Zq7-Secret&token=Zq7-Secret#key=Zq7-Secret");
  EXPECT_EQ(shown.find("Secret"), std::string::npos) << shown;
}

// --- same_url -------------------------------------------------------------

TEST(SameUrl, TheUserinfoIsIgnored) {
  EXPECT_TRUE(same_url("postgres://app:s3cr3t@db.staging.internal:5432/app",
                       "postgres://db.staging.internal:5432/app"));
  EXPECT_TRUE(same_url("postgres://app@db/app", "postgres://other:pw@db/app"));
  EXPECT_TRUE(same_url("postgres://@db/app", "postgres://db/app"));
  EXPECT_TRUE(same_url("mongodb://u:p@a,b/x", "mongodb://a,b/x"));
}

TEST(SameUrl, SchemeAndHostIgnoreCaseTheRestDoesNot) {
  EXPECT_TRUE(same_url("POSTGRES://DB.Staging.Internal/app", "postgres://db.staging.internal/app"));
  EXPECT_TRUE(same_url("redis://[::ABCD]:1/", "redis://[::abcd]:1/"));
  EXPECT_TRUE(same_url("mongodb://A:1,B/x", "mongodb://a:1,b/x"));
  EXPECT_FALSE(same_url("postgres://db/App", "postgres://db/app"));
  EXPECT_FALSE(same_url("postgres://db/app?sslmode=require", "postgres://db/app?SSLMODE=require"));
  EXPECT_TRUE(same_url("s://h%2d/", "s://H%2D/"));  // the host's "%XX" is no exception
}

TEST(SameUrl, PortAndRestByteForByte) {
  EXPECT_FALSE(same_url("postgres://db/app", "postgres://db:5432/app"));
  EXPECT_FALSE(same_url("postgres://db:5432/app", "postgres://db:05432/app"));
  EXPECT_FALSE(same_url("postgres://db/app", "postgres://db/app/"));
  EXPECT_FALSE(same_url("postgres://db", "postgres://db/"));
  EXPECT_FALSE(same_url("postgres://db/app", "postgresql://db/app"));
  EXPECT_FALSE(same_url("postgres://db1/app", "postgres://db2/app"));
  EXPECT_FALSE(same_url("mongodb://a,b/x", "mongodb://b,a/x"));
  EXPECT_FALSE(same_url("s://h/x#a", "s://h/x#b"));
}

TEST(SameUrl, OnlyUrlsAreTheSame) {
  EXPECT_FALSE(same_url("", ""));
  EXPECT_FALSE(same_url("db", "db"));
  EXPECT_FALSE(same_url("postgres://u:12/34@h/db", "postgres://u:12/34@h/db"));
  EXPECT_FALSE(same_url("postgres://db/app ", "postgres://db/app"));
}

TEST(SameUrl, ReflexiveAndSymmetric) {
  const std::initializer_list<std::string_view> urls = {
      "postgres://app:s3cr3t@db.staging.internal:5432/app", "postgres://db.staging.internal:5432/app",
      "POSTGRES://DB.STAGING.INTERNAL:5432/app", "postgres://db.staging.internal/app",
      "postgres://db.staging.internal:5432/app/", "mongodb://a,b/", "mongodb://u@A,B/",
      "sqlite:///var/db.sqlite", "SQLite:///var/db.sqlite", "redis://[::1]:6379", "redis://[::1]",
      "not a url", "", "s://h?x=@"};
  for (std::string_view a : urls) {
    EXPECT_EQ(same_url(a, a), is_url(a)) << a;
    for (std::string_view b : urls) {
      EXPECT_EQ(same_url(a, b), same_url(b, a)) << a << " / " << b;
    }
  }
}

}  // namespace
