#include <gtest/gtest.h>
TEST(Bare, runs) {}
