# A rule for a variable that is spelled like one of the call's keywords: it
# would read as an empty REFUSE and an ENVIRONMENT keyword, and fail on a
# word far from the mistake.
staging_tests_configure(REFUSE ENVIRONMENT MATCHES prod)
