// Catch2 v2's main(); v3 brings its own (Catch2::Catch2WithMain, or the
// amalgamated sources).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
