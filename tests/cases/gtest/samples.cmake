# GoogleTest's own samples, unmodified, as staging suites: sample1 with
# GoogleTest's main(), sample9 and sample10 with their own main() and
# listeners (sample9's --terse_output deletes the default printer, sample10
# installs a leak checker). The case passes the samples' directory.
staging_tests_configure()

add_executable(sample1 "${CASE_GTEST_SAMPLES}/sample1.cc" "${CASE_GTEST_SAMPLES}/sample1_unittest.cc")
target_link_libraries(sample1 PRIVATE GTest::gtest_main)
add_staging_gtest(sample1)

add_executable(sample9 "${CASE_GTEST_SAMPLES}/sample9_unittest.cc")
target_link_libraries(sample9 PRIVATE GTest::gtest)
add_staging_gtest(sample9 EXTRA_ARGS --terse_output)

add_executable(sample10 "${CASE_GTEST_SAMPLES}/sample10_unittest.cc")
target_link_libraries(sample10 PRIVATE GTest::gtest)
add_staging_gtest(sample10 DISCOVERY_MODE PRE_TEST)
