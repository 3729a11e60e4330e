network_cached(static NETWORK_CASE_STATIC)
case_not_applicable_unless(static "the C compiler cannot link a -static program")
