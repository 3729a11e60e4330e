// Cases that point the process at production and then try every way of
// leaving that GoogleTest or the C library offers: returning, exit(),
// _exit(), printing GoogleTest's skip marker, GTEST_SKIP(). Each must end
// as a failure (killed), never as a pass or a skip.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "marker.hpp"

namespace {

void flip(const char* marker) {
  touch_marker(marker);
  setenv("ENVIRONMENT", "production", 1);
}

TEST(Flip, changes_environment) { flip("Flip.changes_environment"); }

TEST(Flip, exits) {
  flip("Flip.exits");
  std::exit(0);
}

TEST(Flip, underscore_exits) {
  flip("Flip.underscore_exits");
  _exit(0);
}

TEST(Flip, prints_skip_marker) {
  flip("Flip.prints_skip_marker");
  std::printf("[  SKIPPED ] Flip.prints_skip_marker\n");
  std::fflush(stdout);
}

TEST(Flip, skips) {
  flip("Flip.skips");
  GTEST_SKIP() << "skipped after pointing the process at production";
}

// Run in the same process after changes_environment (by hand, filtered to
// the two): the guard put the forced value back.
TEST(Flip, zz_later_is_unaffected) {
  touch_marker("Flip.zz_later_is_unaffected");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

}  // namespace
