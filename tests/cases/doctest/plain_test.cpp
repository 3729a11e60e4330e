// Cases that change nothing: they pass, and their markers show whether their
// bodies ran.
#include "doctest_case.hpp"
#include "marker.hpp"

TEST_CASE("plain first") {
  touch_marker(std::string(CASE_BINARY) + ".first");
  CHECK(env("ENVIRONMENT") == "staging");
}

TEST_CASE("plain second") {
  touch_marker(std::string(CASE_BINARY) + ".second");
  CHECK(env("ENVIRONMENT") == "staging");
}
