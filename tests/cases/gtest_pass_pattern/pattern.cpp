#include <gtest/gtest.h>

#include <cstdlib>

TEST(Pattern, Good) { SUCCEED(); }

TEST(Pattern, ChangesEnvironment) { setenv("ENVIRONMENT", "production", 1); }
