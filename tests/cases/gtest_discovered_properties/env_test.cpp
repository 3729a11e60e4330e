// Each discovered test sees the forced and the extra environment exactly.
#include <gtest/gtest.h>

#include <cstdlib>

namespace {

const char* value(const char* name) {
  const char* found = std::getenv(name);
  return found != nullptr ? found : "(unset)";
}

TEST(Env, sees_exact_values) {
  EXPECT_STREQ(value("ENVIRONMENT"), "staging");
  EXPECT_STREQ(value("ODD_VALUE"), "a;b c=d \"q\" $HOME 'x'");
  EXPECT_STREQ(value("X_TWO"), "a;b c");
  EXPECT_STREQ(value("Q"), "\"q\" $HOME 'x'");
}

}  // namespace
