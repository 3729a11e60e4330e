# Install from a copy of what a release of the toolkit holds, copy the
# prefix elsewhere, then delete the sources, the build tree and the original
# prefix: only the moved prefix is left to find the package in, and nothing
# in it names where it was installed.
set(src "${CMAKE_BINARY_DIR}/toolkit-src")
set(toolkit_build "${CMAKE_BINARY_DIR}/toolkit-build")
set(prefix "${CMAKE_BINARY_DIR}/prefix")
set(moved "${CMAKE_BINARY_DIR}/moved")
file(REMOVE_RECURSE "${src}" "${toolkit_build}" "${prefix}" "${moved}")
file(MAKE_DIRECTORY "${src}")
foreach(entry CMakeLists.txt LICENSE modules cmake templates)
  file(COPY "${STAGING_TESTS_ROOT}/${entry}" DESTINATION "${src}")
endforeach()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${src}" -B "${toolkit_build}" -G "${CMAKE_GENERATOR}"
    --no-warn-unused-cli -DBUILD_TESTING=OFF
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${toolkit_build}" --prefix "${prefix}"
  COMMAND_ERROR_IS_FATAL ANY)
file(COPY "${prefix}" DESTINATION "${moved}")
file(GLOB_RECURSE installed "${moved}/prefix/*")
foreach(file IN LISTS installed)
  file(READ "${file}" text)
  foreach(origin "${prefix}" "${src}" "${toolkit_build}")
    string(FIND "${text}" "${origin}" at)
    if(at GREATER_EQUAL 0)
      message(FATAL_ERROR "consume: ${file} names ${origin}")
    endif()
  endforeach()
endforeach()
file(REMOVE_RECURSE "${src}" "${toolkit_build}" "${prefix}")
foreach(gone "${src}" "${toolkit_build}" "${prefix}")
  if(EXISTS "${gone}")
    message(FATAL_ERROR "consume: ${gone} could not be removed")
  endif()
endforeach()
message(STATUS "consume: the sources, build tree and prefix of the install are gone")

list(PREPEND CMAKE_PREFIX_PATH "${moved}/prefix")
find_package(StagingTests 2.0 CONFIG REQUIRED)
if(NOT COMMAND add_staging_test OR NOT COMMAND staging_tests_configure)
  message(FATAL_ERROR "consume: find_package(StagingTests) did not define the API")
endif()
message(STATUS "consume: found StagingTests ${StagingTests_VERSION} in ${StagingTests_DIR}")

include("${CASE_COMMON_DIR}/ConsumeSuite.cmake")
