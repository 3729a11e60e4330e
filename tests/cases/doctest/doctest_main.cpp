// doctest's own main(), for every target of a case but those with their own.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "doctest_case.hpp"
