// Catch2 v2 or v3, whichever the target was built for; the cases use only
// what both have, and SKIP() where CASE_CATCH2_MAJOR is 3.
#ifndef CASE_CATCH2_HPP
#define CASE_CATCH2_HPP

#if CASE_CATCH2_MAJOR >= 3
#include <catch_amalgamated.hpp>
#else
#include <catch2/catch.hpp>
#endif

#endif
