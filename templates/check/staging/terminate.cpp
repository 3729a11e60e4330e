#include "staging/terminate.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#if defined(_WIN32)
#include <windows.h>
#else
#include <signal.h>
#include <unistd.h>
#endif

namespace staging {

void end_refused() noexcept {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
#if defined(_WIN32)
  TerminateProcess(GetCurrentProcess(), static_cast<UINT>(kWindowsRefusalStatus));
  std::_Exit(3);  // not reached
#else
  kill(getpid(), SIGKILL);
  std::_Exit(137);  // not reached: SIGKILL cannot be blocked
#endif
}

}  // namespace staging
