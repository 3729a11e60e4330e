#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "calc.hpp"

#if __cplusplus != 201103L
#error "calc_test.cpp must be compiled as C++11"
#endif

TEST(Calc, Adds) { EXPECT_EQ(calc_add(2, 3), 5); }

TEST(Calc, RunsStaged) {
  const char* value = std::getenv("ENVIRONMENT");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(std::string(value), "staging");
}
