# A deferred call that keeps scheduling itself: the toolkit cannot run after
# it, and says so rather than leave the guard off.
staging_tests_configure()
add_test(NAME t COMMAND probe t)
function(case_again)
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL case_again)
endfunction()
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL case_again)
