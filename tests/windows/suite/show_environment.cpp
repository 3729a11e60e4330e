// A test program of the staged Windows suite: prints what it sees, checks
// its arguments, exits with a given code.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  const char* environment = std::getenv("ENVIRONMENT");
  const char* vault = std::getenv("AZURE_KEY_VAULT_NAME");
  std::printf("show_environment: ENVIRONMENT=%s AZURE_KEY_VAULT_NAME=%s\n",
              environment ? environment : "(unset)", vault ? vault : "(unset)");
  if (argc < 2) return 2;
  const std::string mode = argv[1];
  if (mode == "print") return 0;
  if (mode == "exit" && argc == 3) return std::atoi(argv[2]);
  if (mode == "check-args") {
    // As tests/windows/suite/CMakeLists.txt gives them; main()'s argv is the
    // C runtime's split of the command line the check program built.
    static const char* const kExpected[] = {"two words", "quote\"d", "back\\slash\\", "",
                                            "tab\there"};
    int failures = 0;
    for (int i = 0; i < 5; ++i) {
      const char* got = i + 2 < argc ? argv[i + 2] : "(missing)";
      std::printf("argument %d: [%s]\n", i + 1, got);
      failures += std::strcmp(got, kExpected[i]) != 0;
    }
    // The sixth is non-ASCII, which the ANSI argv may not spell: only its
    // presence is checked here.
    if (argc != 8) ++failures;
    if (environment == nullptr || std::strcmp(environment, "staging") != 0) ++failures;
    if (vault == nullptr || std::strcmp(vault, "engram-staging-vault") != 0) ++failures;
    std::printf("show_environment: %s\n", failures == 0 ? "as expected" : "NOT as expected");
    return failures == 0 ? 0 : 1;
  }
  return 2;
}
