// doctest cases of the staged Windows suite, under the in-binary guard.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cstdlib>
#include <string>

TEST_CASE("doctest sees the forced environment") {
  const char* environment = std::getenv("ENVIRONMENT");
  REQUIRE(environment != nullptr);
  CHECK(std::string(environment) == "staging");
}

TEST_CASE("doctest case that flips ENVIRONMENT") { _putenv_s("ENVIRONMENT", "production"); }
