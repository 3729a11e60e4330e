foreach(name IN ITEMS staging_session staged plain staging_checklist)
  case_expect_match(STDOUT "\n +Test +#[0-9]+: ${name}\n")
endforeach()
case_expect_match(STDOUT "Total Tests: 4")
