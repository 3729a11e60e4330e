// Two GoogleTest cases under the in-binary guard (add_staging_gtest); each
// leaves a marker when its body runs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace {

void touch_marker(const std::string& name) {
  std::ofstream(std::string(CASE_MARKER_DIR) + "/" + name).put('\n');
}

TEST(Routes, first) {
  touch_marker("routes.first");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

TEST(Routes, second) {
  touch_marker("routes.second");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

}  // namespace
