// environment.hpp: an environment is its list of entries. The only tests
// that touch the process environment are those of ProcessEnvironment, and
// they put back what they changed.
#include "staging/environment.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakes.hpp"

namespace {

using staging_test::FakeEnvironment;

TEST(ValueOf, TheValueWhenTheNameMatchesUpToTheEquals) {
  EXPECT_EQ(staging::value_of("ENVIRONMENT=staging", "ENVIRONMENT"),
            std::optional<std::string_view>("staging"));
  EXPECT_EQ(staging::value_of("ENVIRONMENT=", "ENVIRONMENT"), std::optional<std::string_view>(""));
  EXPECT_EQ(staging::value_of("ENVIRONMENT=a=b", "ENVIRONMENT"),
            std::optional<std::string_view>("a=b"));
  EXPECT_EQ(staging::value_of("ENVIRONMENT", "ENVIRONMENT"), std::nullopt) << "no '='";
  EXPECT_EQ(staging::value_of("ENVIRONMENTS=x", "ENVIRONMENT"), std::nullopt);
  EXPECT_EQ(staging::value_of("ENVIRONMEN=x", "ENVIRONMENT"), std::nullopt);
  EXPECT_EQ(staging::value_of("environment=x", "ENVIRONMENT"), std::nullopt) << "names are exact";
  EXPECT_EQ(staging::value_of(" ENVIRONMENT=x", "ENVIRONMENT"), std::nullopt);
  EXPECT_EQ(staging::value_of("", "ENVIRONMENT"), std::nullopt);
  EXPECT_EQ(staging::value_of("=x", ""), std::optional<std::string_view>("x"));
}

TEST(FirstValue, GetenvSemanticsOverDuplicates) {
  FakeEnvironment environment;
  EXPECT_EQ(staging::first_value(environment, "ENVIRONMENT"), std::nullopt);
  environment.append("ENVIRONMENT").append("ENVIRONMENT=staging").append("ENVIRONMENT=prod");
  EXPECT_EQ(staging::first_value(environment, "ENVIRONMENT"),
            std::optional<std::string_view>("staging"));
  EXPECT_EQ(staging::first_value(environment, "ENVIRON"), std::nullopt);
}

TEST(FakeEnvironmentItself, BehavesLikeAProcessEnvironment) {
  FakeEnvironment environment{{"A", "1"}};
  environment.append("A", "2");
  EXPECT_EQ(environment.count("A"), 2u);
  environment.set("A", "3");
  EXPECT_EQ(environment.list(), (std::vector<std::string>{"A=3", "A=2"})) << "setenv: the first";
  environment.assign("A", "4");
  EXPECT_EQ(environment.list(), (std::vector<std::string>{"A=4"})) << "assign: exactly one";
  char* bytes = environment.value_bytes("A");
  ASSERT_NE(bytes, nullptr);
  const char* const* before = environment.entries();
  bytes[0] = '5';
  EXPECT_EQ(environment.entries(), before) << "an in-place edit keeps the array";
  EXPECT_EQ(environment.get("A"), "5");
  environment.unset("A");
  EXPECT_EQ(environment.entries()[0], nullptr);
}

#ifndef _WIN32
// Leaves the process environment as it found it. environ is never restored
// to a pointer saved before a setenv(): the C library may have freed it.
class ProcessEnvironmentTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (environ == array_.data() || environ == nullptr) environ = before_;
    unsetenv("STAGING_UNIT_TEST_VARIABLE");
    unsetenv("STAGING_UNIT_PUT_VARIABLE");
  }

  // Replaces environ by the current entries plus `extra`: a duplicate the
  // C library would never make, but execve accepts.
  void with_extra_entry(const char* extra) {
    before_ = environ;
    array_.clear();
    for (char** entry = environ; *entry != nullptr; ++entry) array_.push_back(*entry);
    array_.push_back(const_cast<char*>(extra));
    array_.push_back(nullptr);
    environ = array_.data();
  }

  std::size_t count(std::string_view name) const {
    std::size_t found = 0;
    for (const char* const* entry = environment_.entries(); *entry != nullptr; ++entry) {
      found += staging::value_of(*entry, name) ? 1 : 0;
    }
    return found;
  }

  staging::ProcessEnvironment environment_;
  char** before_ = environ;
  std::vector<char*> array_;
};

TEST_F(ProcessEnvironmentTest, EntriesAreEnviron) {
  EXPECT_EQ(environment_.entries(), environ);
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "a=b\nc", 1), 0);
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_TEST_VARIABLE"),
            std::optional<std::string_view>("a=b\nc"));
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "", 1), 0);
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_TEST_VARIABLE"),
            std::optional<std::string_view>(""));
}

TEST_F(ProcessEnvironmentTest, NoEnvironAtAllIsAnEmptyList) {
  before_ = environ;
  environ = nullptr;  // what clearenv() leaves
  const char* const* entries = environment_.entries();
  environ = before_;
  ASSERT_NE(entries, nullptr);
  EXPECT_EQ(entries[0], nullptr);
}

TEST_F(ProcessEnvironmentTest, AssignLeavesExactlyOneEntry) {
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "first", 1), 0);
  static const char kSecond[] = "STAGING_UNIT_TEST_VARIABLE=second";
  with_extra_entry(kSecond);
  ASSERT_EQ(count("STAGING_UNIT_TEST_VARIABLE"), 2u);
  environment_.assign("STAGING_UNIT_TEST_VARIABLE", "staging");
  EXPECT_EQ(count("STAGING_UNIT_TEST_VARIABLE"), 1u);
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_TEST_VARIABLE"),
            std::optional<std::string_view>("staging"));
  EXPECT_STREQ(std::getenv("STAGING_UNIT_TEST_VARIABLE"), "staging");
}

TEST_F(ProcessEnvironmentTest, AssignSetsAnUnsetVariable) {
  environment_.assign("STAGING_UNIT_TEST_VARIABLE", "x=y");
  EXPECT_STREQ(std::getenv("STAGING_UNIT_TEST_VARIABLE"), "x=y");
  EXPECT_EQ(count("STAGING_UNIT_TEST_VARIABLE"), 1u);
}

TEST_F(ProcessEnvironmentTest, SeesPutenvAndInPlaceEdits) {
  static char entry[] = "STAGING_UNIT_PUT_VARIABLE=staging";
  ASSERT_EQ(putenv(entry), 0);
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_PUT_VARIABLE"),
            std::optional<std::string_view>("staging"));
  entry[sizeof "STAGING_UNIT_PUT_VARIABLE=" - 1] = 'S';
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_PUT_VARIABLE"),
            std::optional<std::string_view>("Staging"));
  char* value = std::getenv("STAGING_UNIT_PUT_VARIABLE");
  ASSERT_NE(value, nullptr);
  value[4] = '\0';
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_PUT_VARIABLE"),
            std::optional<std::string_view>("Stag"));
  ASSERT_EQ(unsetenv("STAGING_UNIT_PUT_VARIABLE"), 0);
}

TEST_F(ProcessEnvironmentTest, LongNames) {
  const std::string name = "STAGING_UNIT_" + std::string(300, 'L');
  ASSERT_EQ(setenv(name.c_str(), "long", 1), 0);
  EXPECT_EQ(staging::first_value(environment_, name), std::optional<std::string_view>("long"));
  unsetenv(name.c_str());
}
#endif

}  // namespace
