# A parent with a test, an install rule and an option of its own takes the
# toolkit as a subproject (-DCASE_WAY=add_subdirectory or fetchcontent),
# from CASE_SUBPROJECT: the toolkit, or a stand-in with an empty
# CMakeLists.txt, which shows what any subproject adds by being one. With
# -DCASE_STAGE=ON the parent then stages its tests.
include("${CASE_COMMON_DIR}/CaseCommon.cmake")
option(PARENT_FEATURE "An option of the parent's own" ON)
add_test(NAME parent_test COMMAND probe parent_test --expect ENVIRONMENT=staging)
install(TARGETS probe DESTINATION bin)

if(CASE_WAY STREQUAL "add_subdirectory")
  add_subdirectory("${CASE_SUBPROJECT}" third_party/StagingTests)
elseif(CASE_WAY STREQUAL "fetchcontent")
  include(FetchContent)
  FetchContent_Declare(StagingTests SOURCE_DIR "${CASE_SUBPROJECT}")
  FetchContent_MakeAvailable(StagingTests)
endif()

if(CASE_STAGE)
  staging_tests_configure()
endif()
