add_test(smuggled "${CMAKE_COMMAND}" -E true)
