// doctest, checked to be the version the case was built for: Debian's
// 2.4.9 sits in the system's include directories whichever the case uses.
#ifndef CASE_DOCTEST_HPP
#define CASE_DOCTEST_HPP

#include <doctest/doctest.h>

static_assert(DOCTEST_VERSION_MAJOR * 10000 + DOCTEST_VERSION_MINOR * 100 +
                      DOCTEST_VERSION_PATCH == CASE_DOCTEST_VERSION,
              "not the doctest this case was built for");
static_assert(__cplusplus == 201103L, "the target's C++11 was changed");

#endif
