# LABELS through PROPERTIES would replace the staging label, not add to it.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast PROPERTIES LABELS smoke)
