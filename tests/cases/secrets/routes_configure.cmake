# The project of routes: CMake 3.28 and newer refuse its routes at configure.
include("${CMAKE_CURRENT_LIST_DIR}/routes.cmake")
