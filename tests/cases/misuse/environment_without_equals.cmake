# An entry without '=', which CTest silently ignores.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast ENVIRONMENT CHAT_MODEL)
