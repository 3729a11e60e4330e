// What a test framework's listener calls to guard the cases of its binary.
// C++11, because the listener compiles inside the project's test target,
// with that target's standard; the implementation (guard_api.cpp) is built
// once per build tree, in C++17, with the build tree's compiled policy.
//
// The listener calls start() before main(), refuse_if_refused() when the
// cases are about to run (never while they are only listed), and check()
// before and after each case; finish() runs when the process ends however
// it ends (returning from main, exit, quick_exit; _exit and _Exit on Linux). A
// failure found there ends the process by SIGKILL, which ctest reports as a
// failure whatever the test's skip or pass rules say and whatever the case
// printed.
#ifndef STAGING_GUARD_API_HPP
#define STAGING_GUARD_API_HPP

#include <string>

namespace staging_guard {

enum class Phase { BeforeCase, AfterCase };

// The test framework whose listener calls: it names the guard in the run
// record.
enum class Framework { GoogleTest, Catch2, Doctest };

// Judges what the caller brought, forces the policy's variables and has
// finish() run when the process ends (atexit, at_quick_exit). Once.
// `silenced`, when given, tells finish() whether the framework ran with a
// flag that kept the listener from hearing its events.
void start(Framework framework, bool (*silenced)() = nullptr);

// Ends the process, printing why, when start() refused the caller.
void refuse_if_refused();

// Empty when the environment satisfies the policy; otherwise the failure to
// report against the case, and the forced values are back in place.
std::string check(const std::string& case_name, Phase phase);

// Under ctest: appends the case's outcome to the run record.
void record(const std::string& case_name, bool ok);

// The case that is running, for finish() to name ("" between cases).
void set_current_case(const std::string& case_name);

// True in a death-test child: a process GoogleTest forked, or started with
// its internal death-test flag, from a guarded process. Such a child only
// executes one statement for its parent, which judges the result.
bool in_death_test_child();

// The process ends. Once the cases ran (refuse_if_refused() passed), checks
// once more and ends it by SIGKILL when a case failed the policy or changed
// the environment since; a listing is left alone. `silenced`: the
// framework ran with a flag that kept the listener from hearing its events.
void finish(bool silenced);

}  // namespace staging_guard

#endif  // STAGING_GUARD_API_HPP
