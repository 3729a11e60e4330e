canary_expect_not_in_output()
foreach(test IN LISTS SECRETS_CANARY_TESTS)
  case_expect_match(STDOUT "Test +#[0-9]+: ${test}\n")
endforeach()
