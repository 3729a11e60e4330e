# The listing switch, given by anyone but staging-doctor, stops ctest
# before any test.
doctor_expect_nothing_ran()

