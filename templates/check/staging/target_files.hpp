// The files a policy's FIELD rules read (rules.hpp: check_target_fields), as
// the check program's guard and session modes and the doctor read them.
#ifndef STAGING_TARGET_FILES_HPP
#define STAGING_TARGET_FILES_HPP

#include <cstddef>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace staging {

// The content of a kubeconfig or a service account key; nullopt when it
// cannot be read. Such a file is small: more than a MiB is not one, and only
// its first MiB is read.
inline std::optional<std::string> read_target_file(std::string_view path) {
  std::ifstream file{std::string(path), std::ios::binary};
  if (!file) return std::nullopt;
  std::string text(std::size_t{1} << 20, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (file.bad()) return std::nullopt;
  text.resize(static_cast<std::size_t>(file.gcount()));
  return text;
}

}  // namespace staging

#endif  // STAGING_TARGET_FILES_HPP
