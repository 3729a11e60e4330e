// The URL rules exist twice: in C++ (templates/check/staging/url.hpp, the
// checks) and in CMake (cmake/StagingTestsUrl.cmake, the configure and the
// ctest-time guard). tests/unit/StagingUnitUrlAgree.cmake ran the CMake
// twins over a corpus at configure time and wrote their answers into
// staging_unit_url_agree.hpp; here url.hpp must give the same answer on
// every row.
#include <gtest/gtest.h>

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

#include "fakes.hpp"
#include "staging/messages.hpp"
#include "staging/url.hpp"
#include "staging_unit_url_agree.hpp"  // generated

namespace {

namespace agree = staging_test::url_agree;
using staging_test::defused;

std::string shown(std::string_view text) { return defused("'" + staging::printable(text) + "'"); }

TEST(UrlAgree, ParseOnEveryRow) {
  for (const agree::UrlRow& row : agree::kUrls) {
    staging::UrlParts parts;
    const bool valid = staging::parse_url(row.url, parts);
    ASSERT_EQ(valid, row.valid) << shown(row.url);
    if (!valid) continue;
    EXPECT_EQ(parts.scheme, row.scheme) << shown(row.url);
    EXPECT_EQ(parts.user, row.user) << shown(row.url);
    EXPECT_EQ(parts.has_userinfo, row.has_userinfo) << shown(row.url);
    EXPECT_EQ(parts.has_password, row.has_password) << shown(row.url);
    EXPECT_EQ(parts.host, row.host) << shown(row.url);
    EXPECT_EQ(parts.port, row.port) << shown(row.url);
    EXPECT_EQ(parts.rest, row.rest) << shown(row.url);
  }
}

// The twins do not depend on what the caller's scope holds.
TEST(UrlAgree, TheCMakeTwinsAnswerTheSameInAnyScope) {
  for (const agree::UrlRow& row : agree::kUrls) EXPECT_TRUE(row.stable) << shown(row.url);
}

TEST(UrlAgree, InvalidRowsHaveEmptyParts) {
  for (const agree::UrlRow& row : agree::kUrls) {
    if (row.valid) continue;
    EXPECT_TRUE(row.scheme.empty() && row.user.empty() && row.host.empty() && row.port.empty() &&
                row.rest.empty() && !row.has_userinfo && !row.has_password)
        << shown(row.url);
  }
}

TEST(UrlAgree, RedactOnEveryRow) {
  for (const agree::UrlRow& row : agree::kUrls) {
    EXPECT_EQ(staging::redact_url(row.url), row.redacted) << shown(row.url);
  }
}

TEST(UrlAgree, SameUrlOnEveryRow) {
  for (const agree::SameRow& row : agree::kSame) {
    EXPECT_EQ(staging::same_url(row.a, row.b), row.expected)
        << shown(row.a) << " / " << shown(row.b) << " (CMake says " << row.expected << ")";
  }
}

TEST(UrlAgree, TheSecretParameterWordsAreOneList) {
  ASSERT_EQ(std::size(staging::url_detail::kSecretParameterWords),
            agree::kSecretParameterWords.size());
  for (std::size_t i = 0; i < agree::kSecretParameterWords.size(); ++i) {
    EXPECT_EQ(staging::url_detail::kSecretParameterWords[i], agree::kSecretParameterWords[i]);
  }
}

// A corpus whose rows all say the same, or that lost rows or bytes on the
// way, would pin nothing.
TEST(UrlAgree, TheCorpusHasBothAnswersAndItsOddRows) {
  EXPECT_EQ(std::size(agree::kUrls), agree::kUrlCount);
  EXPECT_EQ(std::size(agree::kSame), agree::kSameCount);
  EXPECT_GE(agree::kUrlCount, 400u);
  std::size_t valid = 0;
  std::size_t with_password = 0;
  std::size_t several_hosts = 0;
  std::size_t redacted_query = 0;
  for (const agree::UrlRow& row : agree::kUrls) {
    valid += row.valid ? 1 : 0;
    with_password += row.has_password ? 1 : 0;
    several_hosts += row.host.find(',') != std::string_view::npos ? 1 : 0;
    redacted_query += row.redacted.find("=***") != std::string_view::npos ? 1 : 0;
  }
  EXPECT_GE(valid, 100u);
  EXPECT_GE(agree::kUrlCount - valid, 100u);
  EXPECT_GE(with_password, 50u);
  EXPECT_GE(several_hosts, 10u);
  EXPECT_GE(redacted_query, 15u);
  std::size_t same = 0;
  for (const agree::SameRow& row : agree::kSame) same += row.expected ? 1 : 0;
  EXPECT_GE(same, 10u);
  EXPECT_GE(agree::kSameCount - same, 10u);

  const auto has = [](std::string_view url) {
    for (const agree::UrlRow& row : agree::kUrls) {
      if (row.url == url) return true;
    }
    return false;
  };
  // Bytes that only string(ASCII) or a bracket argument could spell.
  EXPECT_TRUE(has("s://u:p@h:1/r\x7f"));
  EXPECT_TRUE(has("s://u:p@h:1/r\xff"));
  EXPECT_TRUE(has("s://u:p@\th:1/r"));
  EXPECT_TRUE(has("s://u:p@h:1/r\n"));
  EXPECT_TRUE(has("s://h?a=1;token=x;b=2"));
  EXPECT_TRUE(has("s://u:a\\;b@h/\\;"));
  EXPECT_TRUE(has("s://h/${x}"));
  EXPECT_TRUE(has("postgres://u:[p]@[::1]/db"));
  EXPECT_TRUE(has("postgres://[::1/db"));
}

// What CMake answered on the rows that matter most, whatever url.hpp says.
TEST(UrlAgree, TheCMakeTwinsAnswers) {
  const auto row_of = [](std::string_view url) -> const agree::UrlRow* {
    for (const agree::UrlRow& row : agree::kUrls) {
      if (row.url == url) return &row;
    }
    return nullptr;
  };
  const agree::UrlRow* row = row_of("postgres://app:s3cr3t@db.staging.internal:5432/app");
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(row->valid && row->has_password);
  EXPECT_EQ(row->user, "app");
  EXPECT_EQ(row->host, "db.staging.internal");
  EXPECT_EQ(row->port, "5432");
  EXPECT_EQ(row->redacted, "postgres://app:***@db.staging.internal:5432/app");

  for (std::string_view invalid : {"postgres://u:12/34@h/db", "postgres://u:p@ss/w@h/db", "redis://",
                                   "s://h:65536", "http://[::1]]", "s://h;x"}) {
    row = row_of(invalid);
    ASSERT_NE(row, nullptr) << invalid;
    EXPECT_FALSE(row->valid) << invalid;
    EXPECT_EQ(row->redacted, "(not a URL, " + std::to_string(invalid.size()) + " bytes)");
  }
  row = row_of("mongodb://u:p@a:27017,b:27018,[::1]:27019/?replicaSet=rs&authSource=admin");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->host, "a:27017,b:27018,[::1]:27019");
  EXPECT_EQ(row->port, "");
  row = row_of("s://h?a=1;token=x;b=2");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->redacted, "s://h?a=1;token=***;b=2");
  row = row_of("sqlite:///var/db.sqlite");
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(row->valid);
  EXPECT_EQ(row->host, "");
}

}  // namespace
