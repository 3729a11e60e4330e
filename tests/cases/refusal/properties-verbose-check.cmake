include("${AREA_DIR}/properties-refused-check.cmake")
# The checklist, last, counts every test the check program saw and names
# the refused ones (the session, which it does not wrap, is not among them).
case_expect_match(STDOUT
  "[0-9]+: [^ \n]+ staging tests checked by the check program before they ran: 12, refused 11: ")
foreach(test IN LISTS REFUSAL_PROPERTIES_REFUSED)
  case_expect_match(STDOUT "refused 11: ([a-z_0-9]+, )*${test}(, |\n)")
endforeach()
