# The Catch2 guard inside each binary: what a case does to the environment,
# however it then ends (in v3 also by SKIP(), with and without
# SKIP_IS_FAILURE), a project's own main(), and what a binary does when run
# by hand. Every target is discovered after the build (POST_BUILD), which the
# case builds in a production shell.
staging_tests_configure()

catch2_case_target(flip SOURCES flip_test.cpp)
add_staging_catch(flip)
if(CASE_CATCH2 STREQUAL "v3")
  catch2_case_target(strict SOURCES flip_test.cpp)
  add_staging_catch(strict SKIP_IS_FAILURE TEST_PREFIX "strict.")
endif()
catch2_case_target(plain SOURCES plain_test.cpp)
add_staging_catch(plain)
catch2_case_target(own_main OWN_MAIN SOURCES own_main_test.cpp)
add_staging_catch(own_main)
