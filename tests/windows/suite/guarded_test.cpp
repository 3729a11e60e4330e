// GoogleTest cases of the staged Windows suite, under the in-binary guard.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdlib>
#include <string>

TEST(Guarded, Clean) {
  const char* environment = std::getenv("ENVIRONMENT");
  ASSERT_NE(environment, nullptr);
  EXPECT_EQ(std::string(environment), "staging");
}

// Changes the variable and leaves it changed: the guard refuses the case.
TEST(Guarded, Flips) { _putenv_s("ENVIRONMENT", "production"); }
