// Catch2 v2's main(), compiled once for every Catch2 v2 case.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
