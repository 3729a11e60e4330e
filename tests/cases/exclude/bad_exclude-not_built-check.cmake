exclude_expect_message("staging_tests_configure(): EXCLUDE_DIRECTORIES \"${AREA_DIR}/not_built\" is not a directory of this build.")
