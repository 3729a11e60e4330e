# Hand-written ctest include file whose effect depends on the caller.
if("$ENV{CASE_SMUGGLE}" STREQUAL "yes")
  add_test(smuggled "${CMAKE_COMMAND}" -E true)
endif()
