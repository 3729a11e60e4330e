# An empty label (an unset variable): every test must carry one.
staging_tests_configure(LABEL "")
