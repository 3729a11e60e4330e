// A case body leaves a file behind when it runs, so that a step can prove
// which bodies ran and which never started.
#ifndef CASE_CATCH2_MARKER_HPP
#define CASE_CATCH2_MARKER_HPP

#include <cstdlib>
#include <fstream>
#include <string>

inline void touch_marker(const std::string& name) {
  std::ofstream(std::string(CASE_MARKER_DIR) + "/" + name).put('\n');
}

inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "<unset>";
}

#endif
