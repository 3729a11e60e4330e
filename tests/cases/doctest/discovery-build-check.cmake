# The project's sources and the guard's listener, which compiles inside each
# test target, keep the target's C++11: linking the guard raised nothing.
framework_expect_standard(staging_doctest_guard.cpp 11)
