// Cases that point the process at production and then try every way of
// leaving that Catch2 or the C library offers: returning, exit(), _exit()
// and, in v3, SKIP(). Each must end as a failure (killed), never as a pass
// or a skip; the others are what they are.
#include <unistd.h>

#include "catch2.hpp"
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

#if CASE_CATCH2_MAJOR >= 3
TEST_CASE("flip then skip") {
  flip("skip");
  SKIP("skipped after pointing the process at production");
}

TEST_CASE("plain skip") {
  touch_marker(std::string(CASE_BINARY) + ".plain_skip");
  SKIP("nothing to check here");
}
#endif

// Run in the same process after "flip changes environment" (by hand, both
// in one spec): the guard put the forced value back.
TEST_CASE("zz later is unaffected") {
  if (env("ENVIRONMENT") == "staging") touch_marker(std::string(CASE_BINARY) + ".later_saw_staging");
  REQUIRE(env("ENVIRONMENT") == "staging");
}
