#include <gtest/gtest.h>
TEST(Staged, runs) {}
