exclude_expect_message("staging_tests_configure(): EXCLUDE_DIRECTORIES \"${AREA_DIR}/missing\" is not a directory.")
