// A project's own main() that ignores what Catch2's session returned: the
// case that changed the environment must fail all the same.
#if CASE_CATCH2_MAJOR < 3
#define CATCH_CONFIG_RUNNER
#endif
#include "catch2.hpp"
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
  (void)Catch::Session().run(argc, argv);
  return 0;
}
