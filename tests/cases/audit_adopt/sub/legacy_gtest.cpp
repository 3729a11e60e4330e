#include <gtest/gtest.h>
#include <cstdlib>
#include <string>
TEST(Legacy, sees_staging) { EXPECT_EQ(std::string(std::getenv("ENVIRONMENT")), "staging"); }
