# acquire/fetchcontent_git.cmake: makes the StagingTests API available the way a
# consumer using fetchcontent git does; shared by the cases consume/fetchcontent_git and
# secrets/canary_fetchcontent_git. Included from a case's top-level CMakeLists.txt, after
# project().

# A local git repository holding what a release of the toolkit holds,
# tagged v2.0.0: FetchContent clones it as it would a remote one, with no
# network. A git hook's GIT_DIR or GIT_INDEX_FILE must not redirect git.
foreach(variable GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR)
  unset(ENV{${variable}})
endforeach()
find_package(Git REQUIRED)
set(repo "${CMAKE_BINARY_DIR}/staging-tests-repo")
file(REMOVE_RECURSE "${repo}")
file(MAKE_DIRECTORY "${repo}")
foreach(entry CMakeLists.txt LICENSE modules cmake templates)
  file(COPY "${STAGING_TESTS_ROOT}/${entry}" DESTINATION "${repo}")
endforeach()
set(identity -c user.name=StagingTests-case -c user.email=case@staging-tests.invalid
  -c commit.gpgsign=false -c tag.gpgsign=false -c init.defaultBranch=main)
foreach(command "init -q" "add -A" "commit -q -m release" "tag v2.0.0")
  separate_arguments(command UNIX_COMMAND "${command}")
  execute_process(COMMAND "${GIT_EXECUTABLE}" ${identity} ${command}
    WORKING_DIRECTORY "${repo}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()

include(FetchContent)
FetchContent_Declare(StagingTests
  GIT_REPOSITORY "file://${repo}"
  GIT_TAG v2.0.0)
FetchContent_MakeAvailable(StagingTests)
if(NOT COMMAND add_staging_test OR NOT COMMAND staging_tests_configure)
  message(FATAL_ERROR "consume: FetchContent_MakeAvailable(StagingTests) did not define the API")
endif()
if(NOT EXISTS "${stagingtests_SOURCE_DIR}/modules/StagingTests.cmake")
  message(FATAL_ERROR "consume: nothing was cloned into ${stagingtests_SOURCE_DIR}")
endif()
message(STATUS "consume: add_staging_test from FetchContent GIT_TAG v2.0.0, cloned into ${stagingtests_SOURCE_DIR}")
