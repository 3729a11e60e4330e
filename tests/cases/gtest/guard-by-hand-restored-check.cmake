# The case after the one that changed the environment sees it restored.
case_expect_markers(EXIST Flip.changes_environment Flip.zz_later_is_unaffected)
case_expect_match(STDOUT "\\[  FAILED  \\] Flip\\.changes_environment")
case_expect_match(STDOUT "\\[       OK \\] Flip\\.zz_later_is_unaffected")
