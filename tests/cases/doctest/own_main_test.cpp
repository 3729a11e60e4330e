// A project's own main() that runs doctest through a doctest::Context and
// ignores what it returned: the case that changed the environment must fail
// all the same.
#define DOCTEST_CONFIG_IMPLEMENT
#include "doctest_case.hpp"
#include "marker.hpp"

TEST_CASE("own main changes environment") {
  touch_marker("own_main.changes");
  setenv("ENVIRONMENT", "uat", 1);
}

TEST_CASE("own main keeps environment") {
  touch_marker("own_main.keeps");
  CHECK(env("ENVIRONMENT") == "staging");
}

int main(int argc, char** argv) {
  doctest::Context context;
  context.applyCommandLine(argc, argv);
  (void)context.run();
  return 0;
}
