# The checklist test is named after the label (LABEL smoke: smoke_checklist).
staging_tests_configure(LABEL smoke)
add_staging_test(NAME smoke_checklist COMMAND chat_smoke --fast)
