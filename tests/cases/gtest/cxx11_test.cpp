// A target held at C++11: linking the guard must not raise its standard,
// and the guard must work inside it.
#include <gtest/gtest.h>

#include <cstdlib>

#include "marker.hpp"

static_assert(__cplusplus == 201103L, "the target's C++11 was changed");

namespace {

TEST(Cxx11, keeps_standard) { touch_marker("Cxx11.keeps_standard"); }

TEST(Cxx11, changes_environment) {
  touch_marker("Cxx11.changes_environment");
  setenv("ENVIRONMENT", "production", 1);
}

}  // namespace
