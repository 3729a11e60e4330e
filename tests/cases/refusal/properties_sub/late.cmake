set_tests_properties(sub_included PROPERTIES ENVIRONMENT "ENVIRONMENT=Production ")
