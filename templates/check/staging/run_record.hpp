// The run record: one line per checked test, appended to
// $STAGING_TESTS_RUN_DIR/tests.log ("ok <test>" or "refused <test>"), for the
// end-of-run checklist. Written only under the ctest-time guard, which made
// the directory; a test run by hand records nothing.
#ifndef STAGING_RUN_RECORD_HPP
#define STAGING_RUN_RECORD_HPP

#include <string_view>

#include "staging/environment.hpp"

namespace staging {

enum class RunOutcome { Ok, Refused };

// One open, one write, one close: small appends are atomic, so tests that
// run in parallel never interleave their lines. Never fails the test.
void record_run(const Environment& environment, RunOutcome outcome,
                std::string_view test_name) noexcept;

}  // namespace staging

#endif  // STAGING_RUN_RECORD_HPP
