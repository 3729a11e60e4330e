// Registers the GoogleTest guard (staging/gtest_guard.hpp) in the test binary
// it is compiled into, with the policy of the build tree.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "staging/gtest_guard.hpp"
#include "staging_compiled_policy.hpp"

namespace {

void exit_now(int code) {
  std::fflush(nullptr);
  std::_Exit(code);
}

staging::GuardListener* guard_listener() {
  static staging::ProcessEnvironment environment;
  static staging::GuardListener* const listener = new staging::GuardListener(
      staging::compiled_policy(), environment, std::cerr, &exit_now);
  return listener;
}

// A failure is reported through RUN_ALL_TESTS(); this also fails a main()
// that ignores its result. It runs after main() returned.
void fail_if_violated() {
  if (guard_listener()->violated()) exit_now(1);
}

const bool registered = [] {
  staging::GuardListener* listener = guard_listener();
  listener->start();
  // GoogleTest owns and deletes its listeners.
  testing::UnitTest::GetInstance()->listeners().Append(listener);
  std::atexit(&fail_if_violated);
  return true;
}();

}  // namespace
