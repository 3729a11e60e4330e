// Catch2 v2 or v3, whichever the project found: installed v3, the
// amalgamated v3 sources (CATCH2_AMALGAMATED_DIR), or v2. The tests use only
// what both versions have.
#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#elif __has_include(<catch_amalgamated.hpp>)
#include <catch_amalgamated.hpp>
#else
#include <catch2/catch.hpp>
#endif
