#!/usr/bin/env python3
"""Writes the hand-written inputs of tests/fuzz/corpus/ (input layout: the
comment at the top of fuzz_policy.cpp). Re-run after changing the layout."""
import pathlib

FORCE, GUARDED, CALLER, RIGHT_ID, EXEC_FAILS, STAGED, OUTSIDE, STAMPED = (
    1, 2, 4, 8, 16, 32, 64, 128)
# GoogleTest's skip marker, never spelt in a source (see tests/unit/fakes.hpp).
SKIP = "[ " + " SKIPPED ]"
FORCED = [
    "ENVIRONMENT=staging",
    "AZURE_KEY_VAULT_NAME=engram-staging-vault",
    "AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/",
]


def corpus_input(flags=CALLER | RIGHT_ID | STAGED | STAMPED, enforced="staging", allowed=("staging",),
         forced=FORCED, pass_through=("AZURE_AI_ENDPOINT", "AZURE_AI_KEY"), secrets=(),
         vault_name="engram-staging-vault",
         vault_url="https://engram-staging-vault.vault.azure.net/",
         refuse=("AZURE_AI_ENDPOINT=prod", "AZURE_AI_ENDPOINT=uat"), env=(), caller="staging",
         test="chat_smoke", policy_id="policy-1"):
    def text(value):
        return value if isinstance(value, bytes) else value.encode()

    def items(values):
        return b"\x1e".join(text(v) for v in values)

    return b"\0".join([bytes([flags]), text(enforced), items(allowed), items(forced),
                       items(pass_through), items(secrets), text(vault_name), text(vault_url),
                       items(refuse), items(env), text(caller), text(test), text(policy_id)])


INPUTS = {
    "clean_guarded": corpus_input(flags=GUARDED | CALLER | RIGHT_ID | STAGED | STAMPED,
                          caller=" Staging\n",
                          env=("AZURE_AI_ENDPOINT=https://engram-staging-ai.openai.azure.com/",
                               "AZURE_AI_KEY=k-4711-s3cr3t-value")),
    "clean_no_stamp": corpus_input(flags=CALLER | RIGHT_ID | STAGED),
    "clean_outside_no_stamp": corpus_input(flags=CALLER | RIGHT_ID | STAGED | OUTSIDE),
    "caller_newline": corpus_input(caller="staging\nprod"),
    "caller_non_utf8_force": corpus_input(flags=FORCE | CALLER | RIGHT_ID, caller=b"\xffprod\xff"),
    "caller_mixed": corpus_input(caller="\tSTAGING=1 [x]"),
    "caller_kelvin": corpus_input(caller="wor\u212a".encode()),
    "duplicate_environment": corpus_input(env=("ENVIRONMENT=staging", "ENVIRONMENT=production"),
                                  flags=RIGHT_ID | STAGED | STAMPED),
    "duplicate_environment_force": corpus_input(env=("ENVIRONMENT=production",),
                                        flags=FORCE | CALLER | RIGHT_ID | STAGED | STAMPED,
                                        caller="uat"),
    "duplicate_secret": corpus_input(
        refuse=("AZURE_AI_KEY=prod",),
        env=("AZURE_AI_KEY=\x01first-s3cr3t\x01", "AZURE_AI_KEY=\x01second-s3cr3t-prod\x01")),
    "duplicate_refused_endpoint": corpus_input(
        env=("AZURE_AI_ENDPOINT=https://engram-staging-ai.example/",
             "AZURE_AI_ENDPOINT=https://engram-prod-ai.example/")),
    "duplicate_vault_without_vault": corpus_input(
        forced=FORCED[:1], vault_name="", vault_url="", refuse=(),
        env=("AZURE_KEY_VAULT_NAME=team-vault", "AZURE_KEY_VAULT_NAME=team-dev-vault")),
    "entry_without_equals": corpus_input(env=("ENVIRONMENT", "AZURE_AI_ENDPOINT", "=C:=C:\\")),
    "refused_endpoint_and_secret": corpus_input(
        refuse=("AZURE_AI_ENDPOINT=prod", "AZURE_AI_KEY=prod"),
        env=("AZURE_AI_ENDPOINT=https://engram-prod-ai.example/", "AZURE_AI_KEY=k-prod-4711\n")),
    "no_vault_other_vault": corpus_input(
        forced=FORCED[:1], vault_name="", vault_url="", refuse=(),
        env=("AZURE_KEY_VAULT_NAME=engram-uat-vault",
             "AZURE_KEYVAULT_URL=https://engram-uat-vault.vault.azure.net/")),
    "forced_odd_values": corpus_input(
        flags=GUARDED | RIGHT_ID | STAGED | STAMPED,
        forced=FORCED + ['MEMORY_SERVICE_QUERY=a="b"\\c=d'],
        env=("MEMORY_SERVICE_QUERY=a=\"b\"\\c=d ", " ENVIRONMENT=prod", "environment=prod")),
    "declared_secret": corpus_input(
        secrets=("MY_CREDENTIAL",), pass_through=("MY_CREDENTIAL", "DB_PASSWORD_FILE"),
        refuse=("MY_CREDENTIAL=live",),
        env=("MY_CREDENTIAL=live-[ab]\ncd-0123456789", "DB_PASSWORD_FILE=/run/live/pw")),
    "inconsistent_policy": corpus_input(
        enforced="Staging ", allowed=("prod",), vault_name="engram-prod-vault",
        vault_url="https://other.vault.azure.net/", refuse=("NOT_PASSED=staging", "AZURE_AI_ENDPOINT=")),
    "exec_fails": corpus_input(flags=CALLER | RIGHT_ID | STAGED | STAMPED | EXEC_FAILS, test="a\nb[c]"),
    "skip_marker_everywhere": corpus_input(
        caller=SKIP + " x", test=SKIP,
        env=("AZURE_AI_ENDPOINT=" + SKIP + " prod", "AZURE_AI_KEY=" + SKIP)),
    "long_value": corpus_input(env=("AZURE_AI_ENDPOINT=" + "x" * 3000 + "-uat",)),
    "empty": b"",
}

if __name__ == "__main__":
    corpus = pathlib.Path(__file__).resolve().parent / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in INPUTS.items():
        (corpus / name).write_bytes(data)
