# Listing is not running: this is what POST_BUILD discovery does in any
# shell. Catch2 v2 exits with the number of cases it listed.
case_expect_markers(ABSENT plain.first plain.second)
if(CATCH2_VERSION STREQUAL "v2")
  set(listed 2)
else()
  set(listed 0)
endif()
if(NOT RESULT EQUAL listed)
  case_fail("listing exited ${RESULT}, expected ${listed}")
endif()
