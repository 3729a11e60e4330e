# acquire/fetchcontent_path.cmake: makes the StagingTests API available the way a
# consumer using fetchcontent path does; shared by the cases consume/fetchcontent_path and
# secrets/canary_fetchcontent_path. Included from a case's top-level CMakeLists.txt, after
# project().

# FetchContent from a local path: SOURCE_DIR and no download method, so the
# directory is used where it is (as FETCHCONTENT_SOURCE_DIR_STAGINGTESTS
# would). No include() afterwards.
include(FetchContent)
FetchContent_Declare(StagingTests SOURCE_DIR "${STAGING_TESTS_ROOT}")
FetchContent_MakeAvailable(StagingTests)
if(NOT COMMAND add_staging_test OR NOT COMMAND staging_tests_configure)
  message(FATAL_ERROR "consume: FetchContent_MakeAvailable(StagingTests) did not define the API")
endif()
message(STATUS "consume: add_staging_test from FetchContent SOURCE_DIR ${stagingtests_SOURCE_DIR}")
