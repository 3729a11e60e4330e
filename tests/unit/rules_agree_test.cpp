// The ENVIRONMENT comparison and the whole-word match exist twice: in C++
// (rules.cpp, the checks) and in CMake (cmake/StagingTestsRules.cmake: the
// configure-time validation and the ctest-time guard's listing-only
// fallback). tests/unit/CMakeLists.txt ran the CMake twins over a corpus at
// configure time and wrote their answers into staging_unit_rules_agree.hpp;
// here the C++ rules must give the same answer on every row.
#include <gtest/gtest.h>

#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <string_view>

#include "fakes.hpp"
#include "staging/messages.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"
#include "staging_unit_rules_agree.hpp"  // generated

namespace {

namespace agree = staging_test::rules_agree;
using staging_test::defused;

std::string shown(const agree::Row& row) {
  return defused("'" + staging::printable(row.text) + "' / '" + staging::printable(row.other) +
                 "' (CMake says " + (row.expected ? "true" : "false") + ")");
}

TEST(RulesAgree, SameEnvironmentOnEveryRow) {
  for (const agree::Row& row : agree::kSameEnvironment) {
    EXPECT_EQ(staging::same_environment(row.text, row.other), row.expected) << shown(row);
  }
}

TEST(RulesAgree, ContainsWordOnEveryRow) {
  for (const agree::Row& row : agree::kContainsWord) {
    EXPECT_EQ(staging::contains_word(row.text, row.other), row.expected) << shown(row);
  }
}

TEST(RulesAgree, PrintableOnEveryRow) {
  EXPECT_EQ(std::size(agree::kPrintable), agree::kPrintableCount);
  EXPECT_GE(agree::kPrintableCount, 20u);
  for (const agree::Row& row : agree::kPrintable) {
    EXPECT_EQ(staging::printable(row.text), row.other) << defused(staging::printable(row.text));
  }
}

// A corpus whose rows all say the same, or that lost its rows on the way,
// would pin nothing.
TEST(RulesAgree, TheCorpusHasBothAnswersAndItsOddRows) {
  using Rows = staging::Span<agree::Row>;
  for (const auto& [rows, count] :
       {std::pair(Rows(agree::kSameEnvironment, std::size(agree::kSameEnvironment)),
                  agree::kSameEnvironmentCount),
        std::pair(Rows(agree::kContainsWord, std::size(agree::kContainsWord)),
                  agree::kContainsWordCount)}) {
    EXPECT_EQ(rows.size(), count);
    EXPECT_GE(rows.size(), 50u);
    std::size_t yes = 0;
    for (const agree::Row& row : rows) yes += row.expected ? 1 : 0;
    EXPECT_GE(yes, 10u);
    EXPECT_GE(rows.size() - yes, 10u);
  }
  const auto has = [](const auto& rows, std::string_view text, std::string_view other) {
    for (const agree::Row& row : rows) {
      if (row.text == text && row.other == other) return true;
    }
    return false;
  };
  // Bytes that only string(ASCII) could spell reached the header intact.
  EXPECT_TRUE(has(agree::kSameEnvironment, "\vstaging", "staging"));
  EXPECT_TRUE(has(agree::kSameEnvironment, "staging\f", "staging"));
  EXPECT_TRUE(has(agree::kSameEnvironment, "wor\xe2\x84\xaa", "work"));
  EXPECT_TRUE(has(agree::kSameEnvironment, "staging;prod", "staging"));
  EXPECT_TRUE(has(agree::kContainsWord, "wor\xe2\x84\xaa", "work"));
  EXPECT_TRUE(has(agree::kContainsWord, "a\\prod", "prod"));
  EXPECT_TRUE(has(agree::kContainsWord, "\xffprod", "prod"));
  EXPECT_TRUE(has(agree::kContainsWord, "axb", "a.b"));
}

// What CMake answered on the rows that matter most: the CMake twin itself,
// whatever the C++ rule says.
TEST(RulesAgree, TheCMakeTwinsAnswers) {
  const auto expected = [](const auto& rows, std::string_view text, std::string_view other) {
    for (const agree::Row& row : rows) {
      if (row.text == text && row.other == other) return std::optional<bool>(row.expected);
    }
    return std::optional<bool>();
  };
  EXPECT_EQ(expected(agree::kSameEnvironment, "\vstaging", "staging"), std::optional<bool>(true));
  EXPECT_EQ(expected(agree::kSameEnvironment, "staging\f", "staging"), std::optional<bool>(true));
  EXPECT_EQ(expected(agree::kSameEnvironment, "\x1cstaging", "staging"), std::optional<bool>(false));
  EXPECT_EQ(expected(agree::kSameEnvironment, "StAgInG", "staging"), std::optional<bool>(true));
  EXPECT_EQ(expected(agree::kSameEnvironment, "wor\xe2\x84\xaa", "work"), std::optional<bool>(false));
  EXPECT_EQ(expected(agree::kSameEnvironment, "", "staging"), std::optional<bool>(false));
  EXPECT_EQ(expected(agree::kContainsWord, "wor\xe2\x84\xaa", "work"), std::optional<bool>(false));
  EXPECT_EQ(expected(agree::kContainsWord, "\xffprod", "prod"), std::optional<bool>(true));
  EXPECT_EQ(expected(agree::kContainsWord, "axb", "a.b"), std::optional<bool>(false));
  EXPECT_EQ(expected(agree::kContainsWord, "prod2", "prod"), std::optional<bool>(false));
  EXPECT_EQ(expected(agree::kContainsWord, "eu/prod/1", "prod"), std::optional<bool>(true));
  EXPECT_EQ(expected(agree::kContainsWord, "prod", ""), std::optional<bool>(false));
}

// The rows that matter most, spelled out: if the generator wrote the C++
// answers instead of CMake's, these would still hold, but a CMake twin that
// drifted would break the row tests above.
TEST(RulesAgree, KnownAnswers) {
  EXPECT_TRUE(staging::same_environment("\t\n\v\f\r Staging \r\f\v\n\t", "staging"));
  EXPECT_FALSE(staging::same_environment("\x1cstaging", "staging"));
  EXPECT_FALSE(staging::same_environment("\xc2\xa0staging", "staging"));
  EXPECT_FALSE(staging::same_environment("wor\xe2\x84\xaa", "work"));
  EXPECT_FALSE(staging::contains_word("wor\xe2\x84\xaa", "work"));
  EXPECT_TRUE(staging::contains_word("\xe2\x84\xaaprod", "prod"));
  EXPECT_FALSE(staging::contains_word("axb", "a.b"));
  EXPECT_FALSE(staging::contains_word("prod2", "prod"));
  EXPECT_TRUE(staging::contains_word("prod-2", "prod"));
}

}  // namespace
