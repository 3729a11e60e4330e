// A GoogleTest binary with the StagingTests guard linked in, as a consumer's
// test target links it: the listener (templates/guard/staging_gtest_guard.cpp)
// compiled with this target in C++11, the guard itself (guard_api.cpp) in the
// toolkit's C++17 library with the unit tests' sample policy. Built by
// tests/unit/CMakeLists.txt as staging_odd_input_probe; not a test itself.
//
// tests/scripts/test_gtest_guard.py and test_odd_input.py run it directly
// (and through the check program), one case at a time with --gtest_filter,
// and judge how the process ended. The cases only do what a meddling test
// would do, and report what they see, so that the scripts judge the guard.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" char** environ;

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

// What a case sees, one line per variable, for the scripts to read.
void report() {
  std::printf("probe ENVIRONMENT=%s\n", hex(std::getenv("ENVIRONMENT")).c_str());
  std::printf("probe AZURE_KEY_VAULT_NAME=%s\n", hex(std::getenv("AZURE_KEY_VAULT_NAME")).c_str());
  std::fflush(stdout);
}

void flip() { setenv("ENVIRONMENT", "production", 1); }

// --- for test_odd_input.py ---------------------------------------------------

// Runs first: sets ENVIRONMENT to ODD_INPUT_SET, as a meddling test would.
TEST(OddInputProbe, SetsEnvironment) {
  const char* value = std::getenv("ODD_INPUT_SET");
  if (value != nullptr) setenv("ENVIRONMENT", value, 1);
}

TEST(OddInputProbe, ReportsEnvironment) { report(); }

// --- for test_gtest_guard.py -------------------------------------------------

TEST(Probe, Clean) {
  std::printf("probe body ran\n");
  report();
}

TEST(Probe, Flips) { flip(); }

TEST(Probe, FlipsThenExits) {
  flip();
  std::exit(0);
}

TEST(Probe, FlipsThenUnderscoreExits) {
  flip();
  _exit(0);
}

TEST(Probe, FlipsThenCapitalExits) {
  flip();
  std::_Exit(0);
}

TEST(Probe, FlipsThenQuickExits) {
  flip();
  std::quick_exit(0);
}

TEST(Probe, FlipsThenSkips) {
  flip();
  GTEST_SKIP() << "a case that changed the environment and then skipped itself";
}

// The skip marker, spelt so that this source never holds it (see
// tests/unit/fakes.hpp).
TEST(Probe, FlipsThenPrintsTheSkipMarker) {
  flip();
  std::printf("%s Probe.FlipsThenPrintsTheSkipMarker\n", (std::string("[ ") + " SKIPPED ]").c_str());
}

TEST(Probe, EditsInPlace) {
  char* value = std::getenv("ENVIRONMENT");
  if (value != nullptr && std::strlen(value) >= 4) std::strcpy(value, "prod");
}

TEST(Probe, AddsASecondEntry) {
  static std::vector<char*> entries;
  static char second[] = "ENVIRONMENT=production";
  for (char** entry = environ; *entry != nullptr; ++entry) entries.push_back(*entry);
  entries.push_back(second);
  entries.push_back(nullptr);
  environ = entries.data();
}

TEST(Probe, ClearsTheEnvironment) { clearenv(); }

TEST(Probe, SetsARefusedEndpoint) {
  setenv("AZURE_AI_ENDPOINT", "https://engram-prod-ai.openai.azure.com/", 1);
}

TEST(Probe, FlipsAndRestores) {
  flip();
  setenv("ENVIRONMENT", "staging", 1);
}

// Defined last in the suite: GoogleTest runs a suite's cases in the order
// they are defined, whatever the filter's order.
TEST(Probe, ReportsAfterwards) { report(); }

// GoogleTest's own death tests keep working under the guard: the child's
// statement is judged by its parent, and a child that exits 0 is no
// violation of anything.
TEST(DeathProbe, ExpectDeath) { EXPECT_DEATH(std::abort(), ""); }

TEST(DeathProbe, ExpectExitWithCodeZero) {
  EXPECT_EXIT(std::exit(0), ::testing::ExitedWithCode(0), "");
}

TEST(DeathProbe, ExpectExitUnderscoreWithCodeZero) {
  EXPECT_EXIT(_exit(0), ::testing::ExitedWithCode(0), "");
}

TEST(DeathProbe, TheChildChangesItsOwnEnvironment) {
  EXPECT_EXIT(
      {
        flip();
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
  EXPECT_STREQ(std::getenv("ENVIRONMENT"), "staging");
}

}  // namespace

// A main() that may ignore RUN_ALL_TESTS(), as some projects' do: the guard
// must fail the process all the same.
int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  return std::getenv("PROBE_IGNORE_RESULT") != nullptr ? 0 : result;
}
