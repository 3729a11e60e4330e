// Catch2 v2 cases of the staged Windows suite, under the in-binary guard.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cstdlib>
#include <string>

TEST_CASE("Catch2 sees the forced environment") {
  const char* environment = std::getenv("ENVIRONMENT");
  REQUIRE(environment != nullptr);
  CHECK(std::string(environment) == "staging");
}

TEST_CASE("Catch2 case that flips ENVIRONMENT") { _putenv_s("ENVIRONMENT", "production"); }
