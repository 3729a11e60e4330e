// A GoogleTest binary with the StagingTests guard linked in (and the unit
// tests' sample policy), for tests/scripts/test_odd_input.py, which runs it
// under odd values of the caller's environment. Its own tests only report
// what they see, so that the script judges the guard, not them.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::string hex(const char* value) {
  if (value == nullptr) return "unset";
  std::string result;
  char byte[3];
  for (const char* c = value; *c != '\0'; ++c) {
    std::snprintf(byte, sizeof byte, "%02x", static_cast<unsigned char>(*c));
    result += byte;
  }
  return result;
}

// Runs first: sets ENVIRONMENT to ODD_INPUT_SET, as a meddling test would.
TEST(OddInputProbe, SetsEnvironment) {
  const char* value = std::getenv("ODD_INPUT_SET");
  if (value != nullptr) setenv("ENVIRONMENT", value, 1);
}

TEST(OddInputProbe, ReportsEnvironment) {
  std::printf("probe ENVIRONMENT=%s\n", hex(std::getenv("ENVIRONMENT")).c_str());
}

}  // namespace
