include("${AREA_DIR}/per_test-caller-refused-check.cmake")
