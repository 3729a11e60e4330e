#include "staging/environment.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

#ifndef _WIN32
// The only tests that touch the process environment: they test the one class
// that reads it.
class ProcessEnvironmentTest : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv("STAGING_UNIT_TEST_VARIABLE");
    unsetenv(long_name_.c_str());
  }
  const std::string long_name_ = "STAGING_UNIT_" + std::string(300, 'L');
};

TEST_F(ProcessEnvironmentTest, ReadsSetEmptyAndUnset) {
  const staging::ProcessEnvironment environment;
  EXPECT_EQ(environment.get("STAGING_UNIT_TEST_VARIABLE"), std::nullopt);
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "a=b\nc", 1), 0);
  EXPECT_EQ(environment.get("STAGING_UNIT_TEST_VARIABLE"), std::optional<std::string_view>("a=b\nc"));
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "", 1), 0);
  EXPECT_EQ(environment.get("STAGING_UNIT_TEST_VARIABLE"), std::optional<std::string_view>(""));
}

TEST_F(ProcessEnvironmentTest, NameNeedNotBeTerminated) {
  const staging::ProcessEnvironment environment;
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "yes", 1), 0);
  const std::string_view padded = "STAGING_UNIT_TEST_VARIABLE_AND_MORE";
  EXPECT_EQ(environment.get(padded.substr(0, 26)), std::optional<std::string_view>("yes"));
}

// The GoogleTest guard's fast path: unchanged() must be false after every
// kind of change a test can make, or a changed forced value would go unseen.
class RememberedEnvironmentTest : public ProcessEnvironmentTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "staging", 1), 0);
    environment_.remember(watched_);
    ASSERT_TRUE(environment_.unchanged());
  }
  staging::ProcessEnvironment environment_;
  const std::vector<std::string_view> watched_{"STAGING_UNIT_TEST_VARIABLE",
                                               "STAGING_UNIT_UNSET_VARIABLE"};
};

TEST_F(RememberedEnvironmentTest, NothingRememberedIsNeverUnchanged) {
  EXPECT_FALSE(staging::ProcessEnvironment().unchanged());
}

TEST_F(RememberedEnvironmentTest, ReadingChangesNothing) {
  EXPECT_EQ(environment_.get("STAGING_UNIT_TEST_VARIABLE"), std::optional<std::string_view>("staging"));
  EXPECT_EQ(std::getenv("PATH") != nullptr, true);
  EXPECT_TRUE(environment_.unchanged());
}

TEST_F(RememberedEnvironmentTest, SetenvOfAWatchedVariable) {
  ASSERT_EQ(setenv("STAGING_UNIT_TEST_VARIABLE", "production", 1), 0);
  EXPECT_FALSE(environment_.unchanged());
}

TEST_F(RememberedEnvironmentTest, SettingAnUnsetWatchedVariable) {
  ASSERT_EQ(setenv("STAGING_UNIT_UNSET_VARIABLE", "x", 1), 0);
  EXPECT_FALSE(environment_.unchanged());
  unsetenv("STAGING_UNIT_UNSET_VARIABLE");
}

TEST_F(RememberedEnvironmentTest, Unsetenv) {
  ASSERT_EQ(unsetenv("STAGING_UNIT_TEST_VARIABLE"), 0);
  EXPECT_FALSE(environment_.unchanged());
}

TEST_F(RememberedEnvironmentTest, PutenvOfAnotherVariable) {
  static char entry[] = "STAGING_UNIT_PUT_VARIABLE=1";
  ASSERT_EQ(putenv(entry), 0);
  EXPECT_FALSE(environment_.unchanged());
  unsetenv("STAGING_UNIT_PUT_VARIABLE");
}

TEST_F(RememberedEnvironmentTest, AnInPlaceEdit) {
  char* value = std::getenv("STAGING_UNIT_TEST_VARIABLE");
  ASSERT_NE(value, nullptr);
  value[0] = 'S';
  EXPECT_FALSE(environment_.unchanged());
  value[0] = 's';
  EXPECT_TRUE(environment_.unchanged());
  value[3] = '\0';
  EXPECT_FALSE(environment_.unchanged()) << "a shorter value";
  value[3] = 'g';
}

TEST_F(RememberedEnvironmentTest, AReplacedEnvironArray) {
  char** const saved = environ;
  std::vector<char*> copy;
  for (char** entry = environ; *entry != nullptr; ++entry) copy.push_back(*entry);
  copy.push_back(nullptr);
  environ = copy.data();
  EXPECT_FALSE(environment_.unchanged());
  environ = nullptr;  // what clearenv() leaves
  EXPECT_FALSE(environment_.unchanged());
  environment_.remember(watched_);
  EXPECT_FALSE(environment_.unchanged());
  environ = saved;
}

TEST_F(ProcessEnvironmentTest, LongNames) {
  const staging::ProcessEnvironment environment;
  ASSERT_EQ(setenv(long_name_.c_str(), "long", 1), 0);
  EXPECT_EQ(environment.get(long_name_), std::optional<std::string_view>("long"));
}
#endif

}  // namespace
