# doctest_discover_tests() comes with doctest's own CMake scripts, which
# nothing made available.
add_executable(memory_doctest tests/memory_doctest.cpp)
add_staging_doctest(memory_doctest)
