// The writing half of the run record (run_record.hpp documents the
// protocol): one line appended with one write. Inline and C library only,
// because the preloaded guard (staging_preload.cpp) records its refusals
// from inside processes that are not the toolkit's.
#ifndef STAGING_RUN_RECORD_CORE_HPP
#define STAGING_RUN_RECORD_CORE_HPP

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string_view>

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

enum class RunOutcome { Ok, Refused };

// Who checked: the check program around a staging test, around a test left
// out of the staging suite (EXCLUDE_DIRECTORIES), in a process a test's
// launcher started (the process guard), an in-binary guard, or the network
// guard (a refused name, address or program; the name field reads
// "<test>: <what> (<rule>)"). "ok unguarded <test>" marks a test the check
// program ran without the network guard, as the policy allows.
enum class RunLayer { Check, Outside, Process, GoogleTest, Catch2, Doctest, Network, Unguarded };

enum class RecordResult {
  Written,
  NoDirectory,     // the directory does not exist (the session did not run)
  NotRegularFile,  // something other than a regular file is in the way
  Failed,          // any other error; `error` holds the errno value
};

// One open, one write, one close; never blocks. A name too long for a line
// is cut; newlines in it become spaces.

namespace record_detail {

inline constexpr std::string_view kLogName = "tests.log";

// Copies into a fixed buffer: a check appends without allocating.
inline bool append(char* buffer, std::size_t capacity, std::size_t& used, std::string_view text) {
  if (used + text.size() >= capacity) return false;
  std::memcpy(buffer + used, text.data(), text.size());
  used += text.size();
  return true;
}

inline bool path_of(char (&path)[4096], std::string_view run_dir, std::string_view name) {
  std::size_t used = 0;
  if (!append(path, sizeof path, used, run_dir) || !append(path, sizeof path, used, "/") ||
      !append(path, sizeof path, used, name)) {
    return false;
  }
  path[used] = '\0';
  return true;
}

#if defined(_WIN32)
inline int open_regular(const char* path, int flags) {
  struct _stat64 info;
  if (_stat64(path, &info) == 0 && (info.st_mode & _S_IFREG) == 0) {
    errno = EINVAL;
    return -2;
  }
  return _open(path, flags | _O_BINARY, 0644);
}
#else
// -1 with errno, or -2 when something other than a regular file is there.
inline int open_regular(const char* path, int flags) {
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

inline bool write_all(int file, const char* data, std::size_t size) {
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

inline void close_file(int file) {
#if defined(_WIN32)
  _close(file);
#else
  close(file);
#endif
}

}  // namespace record_detail

inline std::string_view layer_name(RunLayer layer) noexcept {
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
    case RunLayer::Network:
      return "network";
    case RunLayer::Unguarded:
      return "unguarded";
  }
  return "check";
}

// One open, one write, one close; never blocks. A name too long for a line
// is cut; newlines in it become spaces.
inline RecordResult record_run(std::string_view run_dir, RunOutcome outcome, RunLayer layer,
                        std::string_view name, int& error) noexcept {
  error = 0;
  char path[4096];
  if (run_dir.empty() || !record_detail::path_of(path, run_dir, record_detail::kLogName)) return RecordResult::NoDirectory;

  char line[1024];
  std::size_t used = 0;
  record_detail::append(line, sizeof line, used, outcome == RunOutcome::Ok ? "ok " : "refused ");
  record_detail::append(line, sizeof line, used, layer_name(layer));
  record_detail::append(line, sizeof line, used, " ");
  const std::size_t name_start = used;
  record_detail::append(line, sizeof line, used, std::string_view(name.data(), name.size() < sizeof line - used - 2 ? name.size() : sizeof line - used - 2));
  for (std::size_t i = name_start; i < used; ++i) {
    if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
  }
  record_detail::append(line, sizeof line, used, "\n");

#if defined(_WIN32)
  const int file = record_detail::open_regular(path, _O_WRONLY | _O_APPEND | _O_CREAT);
#else
  const int file = record_detail::open_regular(path, O_WRONLY | O_APPEND | O_CREAT);
#endif
  if (file == -2) return RecordResult::NotRegularFile;
  if (file < 0) {
    error = errno;
    return error == ENOENT ? RecordResult::NoDirectory : RecordResult::Failed;
  }
  const bool written = record_detail::write_all(file, line, used);
  error = written ? 0 : errno;
  record_detail::close_file(file);
  return written ? RecordResult::Written : RecordResult::Failed;
}

}  // namespace staging

#endif  // STAGING_RUN_RECORD_CORE_HPP
