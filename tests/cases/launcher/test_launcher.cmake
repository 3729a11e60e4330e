# Tests started through a TEST_LAUNCHER (CMake 3.29 and newer): the check runs
# before the launcher, and the process guard it preloads checks every process
# the launcher starts.
set(LAUNCHER_PROPERTY TEST_LAUNCHER)
include("${CMAKE_CURRENT_SOURCE_DIR}/scripts/suite.cmake")
