canary_streams_holding(streams)
if(NOT streams STREQUAL "STDOUT")
  case_fail("cmake -E environment printed the canary, yet the output check found it in '${streams}', not in STDOUT alone")
endif()
