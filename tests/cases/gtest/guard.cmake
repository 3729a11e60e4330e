# The GoogleTest guard inside each binary: what a case does to the
# environment, however it then ends, and what the binary does when run by
# hand. Every target is discovered after the build (POST_BUILD), which the
# case builds in a production shell.
staging_tests_configure()

function(case_guarded target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "OWN_MAIN" "" "SOURCES;STAGING")
  add_executable(${target} ${arg_SOURCES})
  if(arg_OWN_MAIN)
    target_link_libraries(${target} PRIVATE GTest::gtest)
  else()
    target_link_libraries(${target} PRIVATE GTest::gtest_main)
  endif()
  target_compile_definitions(${target} PRIVATE "CASE_MARKER_DIR=\"${CASE_MARKER_DIR}\""
    "CASE_BINARY=\"${target}\"")
  add_staging_gtest(${target} ${arg_STAGING})
endfunction()

case_guarded(flip SOURCES flip_test.cpp)
case_guarded(plain SOURCES plain_test.cpp)
case_guarded(death SOURCES death_test.cpp)
case_guarded(ignoring OWN_MAIN SOURCES ignoring_main_test.cpp)
case_guarded(cxx11 SOURCES cxx11_test.cpp)
set_target_properties(cxx11 PROPERTIES CXX_STANDARD 11 CXX_STANDARD_REQUIRED ON
  CXX_EXTENSIONS OFF)
# GoogleTest's internal death-test flag given to every case: it would
# silence every listener, the guard's included.
case_guarded(silenced SOURCES plain_test.cpp
  STAGING TEST_PREFIX silenced. EXTRA_ARGS "--gtest_internal_run_death_test=plain_test.cpp|1|1|99")
