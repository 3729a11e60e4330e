#include "staging/run_record.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "staging/run_record_core.hpp"

#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace staging {
namespace {

using record_detail::append;
using record_detail::close_file;
using record_detail::kLogName;
using record_detail::open_regular;
using record_detail::path_of;
using record_detail::write_all;

constexpr std::string_view kStampName = "session.ok";
constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

bool directory_exists(std::string_view run_dir) {
  std::error_code error;
  return std::filesystem::is_directory(std::filesystem::path(std::string(run_dir)), error);
}

}  // namespace

bool create_run_directory(std::string_view run_dir, int& error) {
  const std::filesystem::path path{std::string(run_dir)};
  std::error_code code;
  std::filesystem::create_directories(path.parent_path(), code);
  // A session repeated by ctest --repeat finds its own directory; a link
  // or anything else in its place is not one.
  std::filesystem::create_directory(path, code);
  if (code || !std::filesystem::is_directory(std::filesystem::symlink_status(path, code))) {
    error = code ? code.value() : EEXIST;
    return false;
  }
  error = 0;
  return true;
}

void prune_run_directories(std::string_view run_dir, std::size_t keep) noexcept {
  try {
    const std::filesystem::path current{std::string(run_dir)};
    std::vector<std::filesystem::path> runs;
    for (const auto& entry : std::filesystem::directory_iterator(current.parent_path())) {
      // Names start with the time (YYYYmmddTHHMMSS), so they sort by age.
      if (entry.is_directory() && !entry.is_symlink() && entry.path() != current) {
        runs.push_back(entry.path());
      }
    }
    // The current directory is one of the kept, even when `keep` is 0.
    keep = std::max<std::size_t>(keep, 1);
    if (runs.size() + 1 <= keep) return;
    std::sort(runs.begin(), runs.end());
    const std::size_t remove = runs.size() + 1 - keep;
    for (std::size_t i = 0; i < remove; ++i) {
      std::error_code ignored;
      std::filesystem::remove_all(runs[i], ignored);
    }
  } catch (...) {
    // Pruning is housekeeping: a directory that cannot be listed or removed
    // is left for the next run.
  }
}

bool write_session_stamp(std::string_view run_dir, int& error) {
  char path[4096];
  if (!path_of(path, run_dir, kStampName)) {
    error = ENAMETOOLONG;
    return false;
  }
#if defined(_WIN32)
  const int file = open_regular(path, _O_WRONLY | _O_CREAT | _O_TRUNC);
#else
  const int file = open_regular(path, O_WRONLY | O_CREAT | O_TRUNC);
#endif
  if (file < 0) {
    error = file == -2 ? EINVAL : errno;
    return false;
  }
  const bool written = write_all(file, "ok\n", 3);
  error = written ? 0 : errno;
  close_file(file);
  return written;
}

bool session_stamp_exists(std::string_view run_dir) noexcept {
  char path[4096];
  if (run_dir.empty() || !path_of(path, run_dir, kStampName)) return false;
#if defined(_WIN32)
  struct _stat64 info;
  return _stat64(path, &info) == 0 && (info.st_mode & _S_IFREG) != 0;
#else
  struct stat info;
  return lstat(path, &info) == 0 && S_ISREG(info.st_mode);
#endif
}

RunSummary read_run_record(std::string_view run_dir) {
  RunSummary summary;
  summary.session = session_stamp_exists(run_dir);
  char path[4096];
  if (!path_of(path, run_dir, kLogName) || !directory_exists(run_dir)) return summary;
#if defined(_WIN32)
  const int file = open_regular(path, _O_RDONLY);
#else
  const int file = open_regular(path, O_RDONLY);
#endif
  if (file == -2) {
    summary.readable = false;
    return summary;
  }
  if (file < 0) return summary;  // no test recorded anything
  std::string text;
  char buffer[65536];
  for (;;) {
#if defined(_WIN32)
    const int got = _read(file, buffer, sizeof buffer);
#else
    const ssize_t got = read(file, buffer, sizeof buffer);
#endif
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0 || text.size() + static_cast<std::size_t>(got) > kMaxRecordBytes) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  close_file(file);

  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.empty()) continue;
    RecordEntry entry{RunOutcome::Ok, RunLayer::Check, {}};
    std::string_view fields = line;
    if (fields.substr(0, 3) == "ok ") {
      fields.remove_prefix(3);
    } else if (fields.substr(0, 8) == "refused ") {
      entry.outcome = RunOutcome::Refused;
      fields.remove_prefix(8);
    } else {
      ++summary.malformed;
      continue;
    }
    bool known = false;
    for (RunLayer layer :
         {RunLayer::Check, RunLayer::Outside, RunLayer::Process, RunLayer::GoogleTest,
          RunLayer::Catch2, RunLayer::Doctest, RunLayer::Network, RunLayer::Unguarded}) {
      const std::string_view prefix = layer_name(layer);
      if (fields.size() > prefix.size() && fields.substr(0, prefix.size()) == prefix &&
          fields[prefix.size()] == ' ') {
        entry.layer = layer;
        fields.remove_prefix(prefix.size() + 1);
        known = true;
        break;
      }
    }
    if (!known) {
      ++summary.malformed;
      continue;
    }
    entry.name = std::string(fields);
    summary.entries.push_back(std::move(entry));
  }
  return summary;
}

}  // namespace staging
