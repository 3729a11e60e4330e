# The reports the scan reads were written.
file(GLOB reports "${BUILD}/Testing/*/Test.xml")
if(NOT reports)
  case_fail("ctest -T Test wrote no Testing/*/Test.xml")
endif()
if(NOT EXISTS "${BUILD}/junit.xml")
  case_fail("ctest --output-junit wrote no junit.xml")
endif()
