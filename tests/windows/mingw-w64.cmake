# Distributed under the MIT License. See LICENSE for details.
#
# A CMake toolchain file: 64-bit Windows programs built on Linux with
# MinGW-w64 (Debian: g++-mingw-w64-x86-64) and run by Wine (Debian: wine64),
# the build host's emulator. tests/windows uses it for the toolkit's own
# Windows tests; a consumer can pass it as it is:
#
#   cmake -S . -B build-win --toolchain <toolkit>/tests/windows/mingw-w64.cmake
#   cmake --build build-win && ctest --test-dir build-win
#
# Programs are linked statically, so that Wine finds no DLL missing
# (libstdc++, libgcc, winpthread) whatever its prefix holds.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_staging_mingw x86_64-w64-mingw32)
# The win32 thread model (Debian's default alternative) has no std::thread
# in GCC 12; GoogleTest's own threads need none, but the posix model is what
# a C++17 project expects. Either works here.
find_program(CMAKE_C_COMPILER NAMES ${_staging_mingw}-gcc-posix ${_staging_mingw}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${_staging_mingw}-g++-posix ${_staging_mingw}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${_staging_mingw}-windres windres)

set(CMAKE_FIND_ROOT_PATH /usr/${_staging_mingw})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# Debian's wine64 package installs the loader as /usr/lib/wine/wine64 (the
# `wine` package adds /usr/bin/wine). try_run() and ctest run the programs
# through it.
if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(STAGING_TESTS_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
  if(STAGING_TESTS_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${STAGING_TESTS_WINE}")
  endif()
endif()
