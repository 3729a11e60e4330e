// Real death tests, in both of GoogleTest's styles: the child a death test
// starts (forked, or re-executed with the internal flag) is its guarded
// parent's, so the guard lets it run and die as the test expects.
#include <gtest/gtest.h>

#include <cstdlib>
#include <unistd.h>

namespace {

TEST(Death, fast_style) {
  GTEST_FLAG_SET(death_test_style, "fast");
  EXPECT_DEATH(std::abort(), "");
  EXPECT_EXIT(_exit(3), testing::ExitedWithCode(3), "");
  EXPECT_EXIT(std::exit(4), testing::ExitedWithCode(4), "");
}

TEST(Death, threadsafe_style) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(std::abort(), "");
  EXPECT_EXIT(_exit(3), testing::ExitedWithCode(3), "");
  EXPECT_EXIT(std::exit(4), testing::ExitedWithCode(4), "");
}

}  // namespace
