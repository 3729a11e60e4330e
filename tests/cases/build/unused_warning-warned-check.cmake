# Once, and nothing of the toolkit set up.
string(REGEX MATCHALL "StagingTests is available to this project" found "${STDERR}")
list(LENGTH found count)
if(NOT count EQUAL 1)
  case_fail("the warning is given ${count} times")
endif()
if(EXISTS "${BUILD}/StagingTests")
  case_fail("the build tree has StagingTests/")
endif()
