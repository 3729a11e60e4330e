include("${AREA_DIR}/options-not-parsed.cmake")
