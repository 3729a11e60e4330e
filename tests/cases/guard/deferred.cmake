# Deferred calls scheduled after the toolkit's own (one of them from within
# another): one empties the directory's TEST_INCLUDE_FILES, one adds a plain
# test. The toolkit still runs last, so the guard is first and the test is
# staged.
staging_tests_configure()
add_test(NAME early COMMAND probe early --expect ENVIRONMENT=staging)
function(case_empty_includes)
  set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" PROPERTY TEST_INCLUDE_FILES "")
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL case_add_late_test)
endfunction()
function(case_add_late_test)
  add_test(NAME late COMMAND probe late --expect ENVIRONMENT=staging)
endfunction()
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL case_empty_includes)
