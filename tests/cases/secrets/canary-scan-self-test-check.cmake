canary_files_holding(found "${WORK}")
if(NOT "${WORK}/planted/leak.bin" IN_LIST found)
  case_fail("the canary was planted in ${WORK}/planted/leak.bin, yet the scan did not find it there")
endif()
