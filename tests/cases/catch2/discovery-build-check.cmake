# The project's sources and the guard's listener, which compiles inside each
# test target, keep the target's standard (the least its Catch2 takes):
# linking the guard raised nothing.
if(CATCH2_VERSION STREQUAL "v2")
  framework_expect_standard(staging_catch2_guard.cpp 11)
else()
  framework_expect_standard(staging_catch2_guard.cpp 14)
endif()
