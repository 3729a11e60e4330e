// The run record: what one ctest invocation checked, for the end-of-run
// checklist. This file is the whole protocol; nothing else reads or writes
// a run directory.
//
//   <build>/StagingTests/runs/<time>-<random>/   one per ctest invocation; the
//                                                guard names it, the session
//                                                creates it
//     session.ok   the session validated the run (written last by it)
//     tests.log    one line per check: "<outcome> <layer> <name>", appended
//                  with one O_APPEND write, so tests that run in parallel
//                  never interleave
//
// The directory reaches each check on its command line (the guard wrote it
// there when ctest loaded the test), never through a variable a test could
// set. Every file is opened without following links and without blocking,
// and must be a regular file: a FIFO, a directory or a link planted in its
// place is reported, never waited on.
#ifndef STAGING_RUN_RECORD_HPP
#define STAGING_RUN_RECORD_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "staging/run_record_core.hpp"

namespace staging {

// Creates <run_dir> (and its parent), or finds it made by this invocation's
// earlier session (ctest --repeat); false with `error` set when it cannot,
// or when something other than a directory is in its place.
bool create_run_directory(std::string_view run_dir, int& error);

// Keeps the newest `keep` directories beside `run_dir` (itself always kept)
// and removes the others: every ctest invocation makes one.
void prune_run_directories(std::string_view run_dir, std::size_t keep) noexcept;

inline constexpr std::size_t kKeptRunDirectories = 20;

bool write_session_stamp(std::string_view run_dir, int& error);

// True when session.ok is a regular file; never follows a link, never blocks.
bool session_stamp_exists(std::string_view run_dir) noexcept;

struct RecordEntry {
  RunOutcome outcome;
  RunLayer layer;
  std::string name;
};

struct RunSummary {
  bool readable = true;         // false: tests.log exists but is not a regular file
  bool session = false;         // session.ok is there
  std::vector<RecordEntry> entries;
  std::size_t malformed = 0;    // lines the checks did not write
};

RunSummary read_run_record(std::string_view run_dir);

}  // namespace staging

#endif  // STAGING_RUN_RECORD_HPP
