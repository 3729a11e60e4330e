# Hand-written, after the toolkit's scripts: ENVIRONMENT is a list property,
# the last entry wins.
set_tests_properties(Refused.never_runs_against_production PROPERTIES ENVIRONMENT "ENVIRONMENT=production")
