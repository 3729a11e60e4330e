# A name no shell can export, and no program can read with getenv() as meant.
add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast ENVIRONMENT CHAT-MODEL=gpt-4o)
