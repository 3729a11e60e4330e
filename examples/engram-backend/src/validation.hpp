// Input checks the routers share (private to the backend library).
#pragma once

#include <string>
#include <string_view>

namespace engram::detail {

inline constexpr std::size_t max_identifier_length = 128;

// s without surrounding ASCII whitespace.
std::string trim(std::string_view s);

bool is_blank(std::string_view s);

// A session, user or memory id: 1 to 128 of [A-Za-z0-9_-]. Nothing that could
// escape a path segment or a Zep query.
bool is_valid_identifier(std::string_view s);

}  // namespace engram::detail
