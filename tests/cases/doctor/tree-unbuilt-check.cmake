# Before the build the doctor cannot run: it says what to build.
case_expect_match(STDERR "--target[ \n]+staging-doctor")
