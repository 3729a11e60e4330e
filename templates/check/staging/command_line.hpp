// A Windows program receives one command line, not an argument vector: the
// C runtime (and CommandLineToArgvW) split it again. The check program hands
// a test exactly the arguments ctest gave it only if it joins them so that
// the split gives them back. Pure functions, so that the Linux unit tests
// hold the rules too.
//
// The rules of that split (Microsoft's "Parsing C command-line arguments"):
// arguments are separated by spaces or tabs; a double quote starts or ends a
// quoted part, in which spaces and tabs are kept; 2n backslashes followed by
// a quote are n backslashes and the quote's meaning, 2n+1 backslashes and a
// quote are n backslashes and a literal quote; backslashes not followed by a
// quote are literal. So an argument is quoted when it is empty or holds a
// space, tab, newline, vertical tab or quote, its quotes are escaped, and
// the backslashes before a quote or before the closing quote are doubled.
#ifndef STAGING_COMMAND_LINE_HPP
#define STAGING_COMMAND_LINE_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace staging {

inline std::string quote_windows_argument(std::string_view argument) {
  if (!argument.empty() && argument.find_first_of(" \t\n\v\"") == std::string_view::npos) {
    return std::string(argument);
  }
  std::string quoted = "\"";
  std::size_t backslashes = 0;
  for (const char c : argument) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    if (c == '"') {
      quoted.append(backslashes * 2 + 1, '\\');
    } else {
      quoted.append(backslashes, '\\');
    }
    backslashes = 0;
    quoted += c;
  }
  quoted.append(backslashes * 2, '\\');
  quoted += '"';
  return quoted;
}

// argv (null-terminated) joined into one command line. The program's name,
// argv[0], is quoted the same way: the runtime reads the first word by
// simpler rules (up to the next quote, no escapes), which a name without
// quotes (Windows forbids them in file names) reads alike.
inline std::string windows_command_line(const char* const argv[]) {
  std::string line;
  for (const char* const* argument = argv; *argument != nullptr; ++argument) {
    if (argument != argv) line += ' ';
    line += quote_windows_argument(*argument);
  }
  return line;
}

}  // namespace staging

#endif  // STAGING_COMMAND_LINE_HPP
