# A GoogleTest project pinned to C++11 without extensions, with compile
# options of its own. -DCASE_WITH_TOOLKIT=ON makes it a staging project;
# OFF is the same project without the toolkit, for comparison.
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(CASE_WITH_TOOLKIT)
  include(StagingTests)
  staging_tests_configure()
endif()
enable_testing()
find_package(GTest REQUIRED)
include(GoogleTest)

set(src "${CMAKE_CURRENT_SOURCE_DIR}/standard_kept_src")
add_library(calc STATIC "${src}/calc.cpp")
target_include_directories(calc PUBLIC "${src}")
target_compile_options(calc PRIVATE -Wall -Wextra)
add_executable(calc_test "${src}/calc_test.cpp")
target_link_libraries(calc_test PRIVATE calc GTest::gtest_main)
target_compile_definitions(calc_test PRIVATE CALC_TESTING=1)
target_compile_options(calc_test PRIVATE -Wall)
set_target_properties(calc calc_test PROPERTIES CXX_STANDARD 11 CXX_STANDARD_REQUIRED ON
  CXX_EXTENSIONS OFF)
if(CASE_WITH_TOOLKIT)
  add_staging_gtest(calc_test)
else()
  gtest_discover_tests(calc_test)
endif()
