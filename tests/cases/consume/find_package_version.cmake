# The package's version file says SameMajorVersion: requests of 2.x up to
# the installed 2.2.0 are accepted, any other is refused with CMake's own
# message naming the version found. -DCASE_REQUIRED=<version> makes one
# refused request REQUIRED.
set(toolkit_build "${CMAKE_BINARY_DIR}/toolkit-build")
set(prefix "${CMAKE_BINARY_DIR}/prefix")
file(REMOVE_RECURSE "${toolkit_build}" "${prefix}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${STAGING_TESTS_ROOT}" -B "${toolkit_build}"
    -G "${CMAKE_GENERATOR}" --no-warn-unused-cli -DBUILD_TESTING=OFF
  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${toolkit_build}" --prefix "${prefix}"
  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
list(PREPEND CMAKE_PREFIX_PATH "${prefix}")

foreach(request "2.0" "2" "2.1" "2.2.0 EXACT" "2.0...<3.0")
  separate_arguments(request_args UNIX_COMMAND "${request}")
  find_package(StagingTests ${request_args} CONFIG REQUIRED)
  message(STATUS "consume: find_package(StagingTests ${request}) found ${StagingTests_VERSION}")
endforeach()
foreach(request "1.0" "3.0" "2.3" "1.0...<2.0" "2.0.0 EXACT")
  separate_arguments(request_args UNIX_COMMAND "${request}")
  find_package(StagingTests ${request_args} CONFIG QUIET)
  if(StagingTests_FOUND)
    message(FATAL_ERROR "consume: find_package(StagingTests ${request}) accepted ${StagingTests_VERSION}")
  endif()
  message(STATUS "consume: find_package(StagingTests ${request}) refused")
endforeach()

if(CASE_REQUIRED)
  find_package(StagingTests ${CASE_REQUIRED} CONFIG REQUIRED)
  message(FATAL_ERROR "consume: find_package(StagingTests ${CASE_REQUIRED} CONFIG REQUIRED) did not stop the configure")
endif()
# The package found is the toolkit, and in use.
staging_tests_configure()
