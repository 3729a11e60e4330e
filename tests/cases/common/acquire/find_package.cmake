# acquire/find_package.cmake: makes the StagingTests API available the way a
# consumer using find package does; shared by the cases consume/find_package and
# secrets/canary_find_package. Included from a case's top-level CMakeLists.txt, after
# project().

# Install the toolkit as a user would, with this cmake and generator. The
# toolkit's own tests are off, and nothing they need may be needed: no
# GoogleTest, no Python, not even a C++ compiler.
set(toolkit_build "${CMAKE_BINARY_DIR}/toolkit-build")
set(prefix "${CMAKE_BINARY_DIR}/prefix")
file(REMOVE_RECURSE "${toolkit_build}" "${prefix}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${STAGING_TESTS_ROOT}" -B "${toolkit_build}"
    -G "${CMAKE_GENERATOR}" --no-warn-unused-cli -DBUILD_TESTING=OFF
    -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON -DCMAKE_DISABLE_FIND_PACKAGE_Python3=ON
    -DCMAKE_CXX_COMPILER=/nonexistent/c++
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${toolkit_build}" --prefix "${prefix}"
  COMMAND_ERROR_IS_FATAL ANY)

list(PREPEND CMAKE_PREFIX_PATH "${prefix}")
find_package(StagingTests 2.0 CONFIG REQUIRED)
if(NOT COMMAND add_staging_test OR NOT COMMAND staging_tests_configure)
  message(FATAL_ERROR "consume: find_package(StagingTests) did not define the API")
endif()
message(STATUS "consume: found StagingTests ${StagingTests_VERSION} in ${StagingTests_DIR}")
