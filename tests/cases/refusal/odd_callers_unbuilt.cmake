# The suite of odd_callers, listed before it is built.
include("${CMAKE_CURRENT_LIST_DIR}/odd_callers.cmake")
