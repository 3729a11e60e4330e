include("${AREA_DIR}/per_test-callers-check.cmake")
