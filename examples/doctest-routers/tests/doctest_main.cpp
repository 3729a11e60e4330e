// doctest's own main(), in its own file so that editing a test does not
// recompile it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
