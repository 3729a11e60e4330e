# As their authors meant: sample9's main() discounts its Fails case.
case_expect_statuses(Passed staging_session staging_checklist
  FactorialTest.Negative FactorialTest.Zero FactorialTest.Positive
  IsPrimeTest.Negative IsPrimeTest.Trivial IsPrimeTest.Positive
  CustomOutputTest.PrintsMessage CustomOutputTest.Succeeds CustomOutputTest.Fails
  ListenersTest.DoesNotLeak ListenersTest.LeaksWater)
case_expect_match(STDOUT "100% tests passed, 0 tests failed out of 13")
