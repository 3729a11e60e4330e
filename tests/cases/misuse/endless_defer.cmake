# A deferred call that keeps scheduling itself: StagingTests puts its guard
# in place after every other deferred call, and this one never ends.
staging_tests_configure()
function(poll_dependencies)
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL poll_dependencies)
endfunction()
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL poll_dependencies)
