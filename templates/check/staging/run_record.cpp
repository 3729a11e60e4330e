#include "staging/run_record.hpp"

#include <cstring>
#include <optional>

#include "staging/rules.hpp"

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace staging {
namespace {

constexpr std::string_view kFileName = "/tests.log";

// Copies into a fixed buffer: the per-test path does not allocate.
bool append(char* buffer, std::size_t capacity, std::size_t& used, std::string_view text) {
  if (used + text.size() >= capacity) return false;
  std::memcpy(buffer + used, text.data(), text.size());
  used += text.size();
  return true;
}

}  // namespace

void record_run(const Environment& environment, RunOutcome outcome,
                std::string_view test_name) noexcept {
  const std::optional<std::string_view> directory = environment.get(kRunDirectoryVariable);
  if (!directory || directory->empty()) return;

  char path[4096];
  std::size_t path_size = 0;
  if (!append(path, sizeof path, path_size, *directory) ||
      !append(path, sizeof path, path_size, kFileName)) {
    return;
  }
  path[path_size] = '\0';

  char line[1024];
  std::size_t line_size = 0;
  const std::string_view status = outcome == RunOutcome::Ok ? "ok " : "refused ";
  // A name too long for the line is cut; the checklist only counts lines.
  const std::string_view name = test_name.substr(0, sizeof line - status.size() - 2);
  append(line, sizeof line, line_size, status);
  append(line, sizeof line, line_size, name);
  append(line, sizeof line, line_size, "\n");

#ifdef _WIN32
  const int file = _open(path, _O_WRONLY | _O_APPEND | _O_CREAT | _O_BINARY, 0644);
  if (file < 0) return;
  (void)_write(file, line, static_cast<unsigned>(line_size));
  _close(file);
#else
  const int file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (file < 0) return;
  (void)!write(file, line, line_size);
  close(file);
#endif
}

}  // namespace staging
