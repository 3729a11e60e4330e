# A refused environment's word inside the name counts too (whole words:
# uat-eu is UAT).
staging_tests_configure(ENVIRONMENT uat-eu)
