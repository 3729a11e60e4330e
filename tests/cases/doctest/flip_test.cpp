// Cases that point the process at production and then try every way of
// leaving that doctest or the C library offers: returning, exit(), _exit(),
// failing. Each must end as a failure (killed), never as a pass; the others
// are what they are.
#include <unistd.h>

#include <stdexcept>

#include "doctest_case.hpp"
#include "marker.hpp"

namespace {

void flip(const char* id) {
  touch_marker(std::string(CASE_BINARY) + "." + id);
  setenv("ENVIRONMENT", "production", 1);
}

}  // namespace

TEST_CASE("flip changes environment") { flip("changes"); }

TEST_CASE("flip then exit") {
  flip("exit");
  std::exit(0);
}

TEST_CASE("flip then _exit") {
  flip("underscore_exit");
  _exit(0);
}

TEST_CASE("flip then throw") {
  flip("throw");
  throw std::runtime_error("thrown after pointing the process at production");
}

// Run in the same process after "flip changes environment" (by hand, both
// in one filter): the guard put the forced value back.
TEST_CASE("zz later is unaffected") {
  if (env("ENVIRONMENT") == "staging") touch_marker(std::string(CASE_BINARY) + ".later_saw_staging");
  REQUIRE(env("ENVIRONMENT") == "staging");
}
