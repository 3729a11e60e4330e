set(config Release)
set(check Release)
include("${AREA_DIR}/multi_config-list.cmake")
