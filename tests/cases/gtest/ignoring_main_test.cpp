// A project's own main() that ignores RUN_ALL_TESTS()'s result: the case
// that changed the environment must fail all the same.
#include <gtest/gtest.h>

#include <cstdlib>

#include "marker.hpp"

TEST(Ignoring, changes_environment) {
  touch_marker("Ignoring.changes_environment");
  setenv("ENVIRONMENT", "uat", 1);
}

TEST(Ignoring, keeps_environment) { touch_marker("Ignoring.keeps_environment"); }

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  (void)RUN_ALL_TESTS();
  return 0;
}
