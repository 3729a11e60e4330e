// How a refusal ends its process. ctest reads a process that died of a
// signal as failed before it looks at a skip code, a skip or pass pattern,
// or WILL_FAIL, so a refusal is never a skip or a pass. SIGKILL cannot be
// caught or ignored, and leaves no core file.
#ifndef STAGING_TERMINATE_HPP
#define STAGING_TERMINATE_HPP

namespace staging {

// Flushes the standard streams, then ends the process by SIGKILL (on
// Windows: TerminateProcess with exit code 3, as abort() reports).
[[noreturn]] void end_refused() noexcept;

}  // namespace staging

#endif  // STAGING_TERMINATE_HPP
