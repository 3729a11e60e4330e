// Cases that change nothing: they pass, and their markers show whether
// their bodies ran.
#include <gtest/gtest.h>

#include <cstdlib>

#include "marker.hpp"

namespace {

TEST(Plain, first) {
  touch_marker(std::string(CASE_BINARY) + ".Plain.first");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

TEST(Plain, second) {
  touch_marker(std::string(CASE_BINARY) + ".Plain.second");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

}  // namespace
