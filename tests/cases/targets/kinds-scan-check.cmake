canary_watch("${TARGETS_CANARY}")
canary_expect_in_no_file("${BUILD}")
