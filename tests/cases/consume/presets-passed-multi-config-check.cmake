include("${AREA_DIR}/presets-passed-check.cmake")
# The one warning a multi-config generator gives for the preset (its
# CMAKE_BUILD_TYPE is unused), and no other.
string(REGEX REPLACE "CMake Warning:[ \n]+Manually-specified variables were not used by the project:[ \n]+CMAKE_BUILD_TYPE\n" "" others "${STDERR}")
case_expect_no_match(others "CMake Warning|Deprecation")
