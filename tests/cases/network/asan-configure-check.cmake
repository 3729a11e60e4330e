network_cached(asan NETWORK_CASE_ASAN)
case_not_applicable_unless(asan "the C compiler cannot link -fsanitize=address")
