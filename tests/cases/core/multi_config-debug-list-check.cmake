set(config Debug)
set(check Debug)
include("${AREA_DIR}/multi_config-list.cmake")
