// The rules every check applies, as inline functions of their arguments:
// the check program, the in-binary guards and the preloaded process guard
// (which must not depend on the C++ runtime library) share these. Views are
// cut with the constructor, never substr(), whose range check needs the
// C++ runtime.
// rules.hpp documents them.
#ifndef STAGING_RULES_CORE_HPP
#define STAGING_RULES_CORE_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include "staging/policy.hpp"

namespace staging {

inline constexpr std::string_view kEnvironmentVariable = "ENVIRONMENT";

// Set by the check program, from its own command line, for the in-binary
// guards and the preloaded one: where this ctest invocation's run record is.
inline constexpr std::string_view kRunDirectoryVariable = "STAGING_TESTS_RUN_DIR";

constexpr bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

constexpr bool is_ascii_alphanumeric(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr char ascii_upper(char c) noexcept {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

constexpr std::string_view trim_ascii_whitespace(std::string_view value) noexcept {
  while (!value.empty() && is_ascii_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_ascii_space(value.back())) value.remove_suffix(1);
  return value;
}

constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

constexpr bool same_environment(std::string_view value, std::string_view name) noexcept {
  return equals_ignoring_ascii_case(trim_ascii_whitespace(value), name);
}

constexpr bool contains_word(std::string_view text, std::string_view word) noexcept {
  if (word.empty()) return false;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    const std::size_t after = i + word.size();
    const bool starts_word = i == 0 || !is_ascii_alphanumeric(text[i - 1]);
    const bool ends_word = after == text.size() || !is_ascii_alphanumeric(text[after]);
    if (starts_word && ends_word && equals_ignoring_ascii_case(std::string_view(text.data() + i, word.size()), word)) {
      return true;
    }
  }
  return false;
}

// How variable names compare: byte for byte (POSIX), or ignoring ASCII
// letter case (Windows, where `environment` is ENVIRONMENT).
enum class NameCase { Exact, Ignored };

// `entry` is "NAME=value": the value when the name is `name`.
constexpr std::optional<std::string_view> value_of(std::string_view entry, std::string_view name,
                                                   NameCase name_case = NameCase::Exact) noexcept {
  if (entry.size() <= name.size() || entry[name.size()] != '=') return std::nullopt;
  const std::string_view entry_name(entry.data(), name.size());
  if (name_case == NameCase::Exact ? entry_name != name
                                   : !equals_ignoring_ascii_case(entry_name, name)) {
    return std::nullopt;
  }
  return std::string_view(entry.data() + name.size() + 1, entry.size() - name.size() - 1);
}

// Whether a forced variable's found value satisfies it: ENVIRONMENT by the
// rule for environments, everything else byte for byte.
constexpr bool satisfies(const Variable& required, std::optional<std::string_view> found) noexcept {
  if (!found) return false;
  if (required.name == kEnvironmentVariable) return same_environment(*found, required.value);
  return *found == required.value;
}

}  // namespace staging

#endif  // STAGING_RULES_CORE_HPP
