// terminate.hpp: a refusal ends its process by SIGKILL (Windows: an
// NTSTATUS error code), after what it wrote reached its streams, so that
// ctest can never read it as a skip or a pass.
#include "staging/terminate.hpp"

#include <gtest/gtest.h>

#if !defined(_WIN32)
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <cstdio>
#include <csignal>
#include <iostream>
#include <string>

namespace {

TEST(EndRefused, TheWindowsStatusIsOneCtestReadsAsAnException) {
  // ctest (cmProcess) on Windows: (code & 0xF0000000) == 0xC0000000.
  EXPECT_EQ(staging::kWindowsRefusalStatus & 0xF0000000UL, 0xC0000000UL);
}

#if defined(_WIN32)
// GoogleTest's death test starts this binary again for the statement and
// reads the child's exit code and stderr.
TEST(EndRefused, FlushesThenEndsWithTheRefusalStatus) {
  const auto refused = [](int code) {
    return static_cast<unsigned long>(static_cast<unsigned int>(code)) ==
           staging::kWindowsRefusalStatus;
  };
  EXPECT_EXIT(
      {
        std::cerr << "cerr line\n";
        std::fprintf(stderr, "stdio line\n");
        staging::end_refused();
      },
      refused, "cerr line\nstdio line\n");
}
#else
TEST(EndRefused, FlushesThenDiesBySigkill) {
  int pipe_ends[2];
  ASSERT_EQ(::pipe(pipe_ends), 0);
  std::cout.flush();
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(pipe_ends[1], STDOUT_FILENO);
    ::dup2(pipe_ends[1], STDERR_FILENO);
    ::close(pipe_ends[0]);
    std::cout << "cout line\n";          // buffered
    std::cerr << "cerr line\n";
    std::printf("stdio line\n");         // buffered: stdout is a pipe
    staging::end_refused();
  }
  ::close(pipe_ends[1]);
  std::string output;
  char buffer[256];
  for (ssize_t got; (got = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;) {
    output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(pipe_ends[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_NE(output.find("cout line\n"), std::string::npos) << output;
  EXPECT_NE(output.find("cerr line\n"), std::string::npos) << output;
  EXPECT_NE(output.find("stdio line\n"), std::string::npos) << output;
}

#endif  // _WIN32

}  // namespace
