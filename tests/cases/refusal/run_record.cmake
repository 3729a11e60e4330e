# The run record and the toolkit's own variables. A test that tampers with
# this run's record (CASE_PLANT, read by run_record_plant.sh) comes between
# `first` and `victim`; the case's steps also make StagingTests/runs
# unusable. A file ctest reads after the guard gives a test one of the
# toolkit's variables when CASE_ROUTE says which.
staging_tests_configure()
add_test(NAME first COMMAND probe first --expect ENVIRONMENT=staging)
add_test(NAME planter COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/run_record_plant.sh")
add_test(NAME victim COMMAND probe victim --expect ENVIRONMENT=staging)
set_tests_properties(planter PROPERTIES DEPENDS first)
set_tests_properties(victim PROPERTIES DEPENDS planter)

# Read by ctest before the add_test() lines of this directory: a test of
# its own, added at ctest time and staged like any other, carries the
# route's properties. It leaves the marker `late` when it runs.
file(WRITE "${CMAKE_BINARY_DIR}/routes.cmake" "add_test(late \"${CMAKE_COMMAND}\" -E touch \"${CASE_MARKER_DIR}/late\")\n" [=[
if("$ENV{CASE_ROUTE}" STREQUAL "run_dir")
  set_tests_properties(late PROPERTIES ENVIRONMENT "STAGING_TESTS_RUN_DIR=/tmp/elsewhere")
elseif("$ENV{CASE_ROUTE}" STREQUAL "guard_unset")
  set_tests_properties(late PROPERTIES ENVIRONMENT_MODIFICATION "STAGING_TESTS_GUARD=unset:")
elseif("$ENV{CASE_ROUTE}" STREQUAL "caller")
  set_tests_properties(late PROPERTIES ENVIRONMENT "A=1;STAGING_TESTS_CALLER_ENVIRONMENT=staging")
elseif("$ENV{CASE_ROUTE}" STREQUAL "production")
  set_tests_properties(late PROPERTIES ENVIRONMENT "ENVIRONMENT=production")
endif()
]=])
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${CMAKE_BINARY_DIR}/routes.cmake")
