#include "staging/environment.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

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

TEST_F(ProcessEnvironmentTest, LongNames) {
  const staging::ProcessEnvironment environment;
  ASSERT_EQ(setenv(long_name_.c_str(), "long", 1), 0);
  EXPECT_EQ(environment.get(long_name_), std::optional<std::string_view>("long"));
}
#endif

}  // namespace
