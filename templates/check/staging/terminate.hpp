// How a refusal ends its process. ctest reads a process that died of a
// signal as failed before it looks at a skip code, a skip or pass pattern,
// or WILL_FAIL, so a refusal is never a skip or a pass. SIGKILL cannot be
// caught or ignored, and leaves no core file.
//
// Windows has no signals: ctest there reads an exit code of the form
// 0xCxxxxxxx (an NTSTATUS error, what a crash leaves) as an exception,
// before any of those properties, exactly as it reads a signal elsewhere.
// A plain exit code (abort()'s 3) would be one SKIP_RETURN_CODE or
// WILL_FAIL could turn green.
#ifndef STAGING_TERMINATE_HPP
#define STAGING_TERMINATE_HPP

namespace staging {

// STATUS_STACK_BUFFER_OVERRUN, the code the Windows C runtime's abort() and
// __fastfail() end a process with: a fatal, uncatchable end.
inline constexpr unsigned long kWindowsRefusalStatus = 0xC0000409UL;

// Flushes the standard streams, then ends the process by SIGKILL (on
// Windows: TerminateProcess with kWindowsRefusalStatus).
[[noreturn]] void end_refused() noexcept;

}  // namespace staging

#endif  // STAGING_TERMINATE_HPP
