// terminate.hpp: a refusal ends its process by SIGKILL, after what it wrote
// reached its streams, so that ctest can never read it as a skip or a pass.
#include "staging/terminate.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <csignal>
#include <iostream>
#include <string>

namespace {

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

}  // namespace
