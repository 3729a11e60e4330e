# A refused caller is explained with the guard's own refusal, the tree is
# still listed, no test starts, and the secret is never shown. (The build
# tool fails with the doctor: ninja exits 1, make 2.)
doctor_expect_nothing_ran()
canary_expect_not_in_output()
doctor_expect_text("  ENVIRONMENT: forced 'staging'; you have 'production' -> refused (ON_MISMATCH FAIL)\n")
doctor_expect_text("  AZURE_AI_KEY: passed through; you have set (redacted) -> passed through\n")
doctor_expect_text("The guard would stop ctest before any test (exit 8) with:\n\nERROR: Tests must run against STAGING environment only!\nCurrent environment: production\nAllowed environments: staging\n")
doctor_expect_text("  prod         Production           no               CRITICAL  <- refused\nFix: unset ENVIRONMENT or set it to one of: staging\n")
doctor_expect_text("TREE (${BUILD})\n  ctest lists 8 tests besides StagingTests' own: 7 staged, 1 left out of the staging suite\n")
doctor_expect_text("VERDICT: REFUSED. A ctest run from this environment stops before any test.\n")
case_expect_no_match(STDOUT "Confirmed")
