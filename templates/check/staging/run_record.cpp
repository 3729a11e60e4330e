#include "staging/run_record.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

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

constexpr std::string_view kLogName = "tests.log";
constexpr std::string_view kStampName = "session.ok";
constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

// Copies into a fixed buffer: a check appends without allocating.
bool append(char* buffer, std::size_t capacity, std::size_t& used, std::string_view text) {
  if (used + text.size() >= capacity) return false;
  std::memcpy(buffer + used, text.data(), text.size());
  used += text.size();
  return true;
}

bool path_of(char (&path)[4096], std::string_view run_dir, std::string_view name) {
  std::size_t used = 0;
  if (!append(path, sizeof path, used, run_dir) || !append(path, sizeof path, used, "/") ||
      !append(path, sizeof path, used, name)) {
    return false;
  }
  path[used] = '\0';
  return true;
}

#if defined(_WIN32)
int open_regular(const char* path, int flags) {
  struct _stat64 info;
  if (_stat64(path, &info) == 0 && (info.st_mode & _S_IFREG) == 0) {
    errno = EINVAL;
    return -2;
  }
  return _open(path, flags | _O_BINARY, 0644);
}
#else
// -1 with errno, or -2 when something other than a regular file is there.
int open_regular(const char* path, int flags) {
  const int file = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  if (file < 0) return errno == ELOOP || errno == ENXIO || errno == EISDIR ? -2 : -1;
  struct stat info;
  if (fstat(file, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(file);
    return -2;
  }
  return file;
}
#endif

bool write_all(int file, const char* data, std::size_t size) {
  while (size > 0) {
#if defined(_WIN32)
    const int written = _write(file, data, static_cast<unsigned>(size));
#else
    const ssize_t written = write(file, data, size);
#endif
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

void close_file(int file) {
#if defined(_WIN32)
  _close(file);
#else
  close(file);
#endif
}

bool directory_exists(std::string_view run_dir) {
  std::error_code error;
  return std::filesystem::is_directory(std::filesystem::path(std::string(run_dir)), error);
}

}  // namespace

std::string_view layer_name(RunLayer layer) noexcept {
  switch (layer) {
    case RunLayer::Check:
      return "check";
    case RunLayer::Outside:
      return "outside";
    case RunLayer::Process:
      return "process";
    case RunLayer::GoogleTest:
      return "gtest";
    case RunLayer::Catch2:
      return "catch2";
    case RunLayer::Doctest:
      return "doctest";
  }
  return "check";
}

RecordResult record_run(std::string_view run_dir, RunOutcome outcome, RunLayer layer,
                        std::string_view name, int& error) noexcept {
  error = 0;
  char path[4096];
  if (run_dir.empty() || !path_of(path, run_dir, kLogName)) return RecordResult::NoDirectory;

  char line[1024];
  std::size_t used = 0;
  append(line, sizeof line, used, outcome == RunOutcome::Ok ? "ok " : "refused ");
  append(line, sizeof line, used, layer_name(layer));
  append(line, sizeof line, used, " ");
  const std::size_t name_start = used;
  append(line, sizeof line, used, name.substr(0, sizeof line - used - 2));
  std::replace(line + name_start, line + used, '\n', ' ');
  std::replace(line + name_start, line + used, '\r', ' ');
  append(line, sizeof line, used, "\n");

#if defined(_WIN32)
  const int file = open_regular(path, _O_WRONLY | _O_APPEND | _O_CREAT);
#else
  const int file = open_regular(path, O_WRONLY | O_APPEND | O_CREAT);
#endif
  if (file == -2) return RecordResult::NotRegularFile;
  if (file < 0) {
    error = errno;
    return error == ENOENT ? RecordResult::NoDirectory : RecordResult::Failed;
  }
  const bool written = write_all(file, line, used);
  error = written ? 0 : errno;
  close_file(file);
  return written ? RecordResult::Written : RecordResult::Failed;
}

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
          RunLayer::Catch2, RunLayer::Doctest}) {
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
