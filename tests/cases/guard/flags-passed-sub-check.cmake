# From the sub-directory the session is that directory's own.
case_expect_statuses(Passed staging_session sub_one staging_checklist)
case_expect_statuses(Absent top_one top_two)
case_expect_markers(EXIST sub_one ABSENT top_one top_two)
