# Tests started through a CROSSCOMPILING_EMULATOR: the check runs before the
# emulator, and the process guard it preloads checks every process the
# emulator starts. CMake 3.30 and newer apply an emulator only when
# cross-compiling (CMP0158); the old behaviour stands in for a cross build.
if(POLICY CMP0158)
  cmake_policy(SET CMP0158 OLD)
endif()
set(LAUNCHER_PROPERTY CROSSCOMPILING_EMULATOR)
include("${CMAKE_CURRENT_SOURCE_DIR}/scripts/suite.cmake")
