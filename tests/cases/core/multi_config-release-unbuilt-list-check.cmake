# Release's check program is not built: Debug's wraps Release's tests.
set(config Release)
set(check Debug)
include("${AREA_DIR}/multi_config-list.cmake")
