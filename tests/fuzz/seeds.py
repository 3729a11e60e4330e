#!/usr/bin/env python3
"""Writes the hand-written seeds of tests/fuzz/corpus/ (input layout: the
comment at the top of fuzz_policy.cpp). Re-run after changing the layout."""
import pathlib

FORCE, GUARDED, CALLER, RIGHT_ID, EXEC_FAILS, STAGED = 1, 2, 4, 8, 16, 32
SEED_FORCED = [
    "ENVIRONMENT=staging",
    "AZURE_KEY_VAULT_NAME=engram-staging-vault",
    "AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/",
]


def seed(flags=CALLER | RIGHT_ID | STAGED, enforced="staging", allowed=("staging",),
         forced=SEED_FORCED, pass_through=("AZURE_AI_ENDPOINT", "AZURE_AI_KEY"), secrets=(),
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


SEEDS = {
    "clean_guarded": seed(flags=GUARDED | CALLER | RIGHT_ID | STAGED, caller=" Staging\n",
                          env=("AZURE_AI_ENDPOINT=https://engram-staging-ai.openai.azure.com/",
                               "AZURE_AI_KEY=k-4711-s3cr3t-value")),
    "caller_newline": seed(caller="staging\nprod"),
    "caller_non_utf8_force": seed(flags=FORCE | CALLER | RIGHT_ID, caller=b"\xffprod\xff"),
    "caller_mixed": seed(caller="\tSTAGING=1 [x]"),
    "refused_endpoint_and_secret": seed(
        refuse=("AZURE_AI_ENDPOINT=prod", "AZURE_AI_KEY=prod"),
        env=("AZURE_AI_ENDPOINT=https://engram-prod-ai.example/", "AZURE_AI_KEY=k-prod-4711\n")),
    "no_vault_other_vault": seed(
        forced=SEED_FORCED[:1], vault_name="", vault_url="", refuse=(),
        env=("AZURE_KEY_VAULT_NAME=engram-uat-vault",
             "AZURE_KEYVAULT_URL=https://engram-uat-vault.vault.azure.net/")),
    "forced_odd_values": seed(
        flags=GUARDED | RIGHT_ID | STAGED,
        forced=SEED_FORCED + ['MEMORY_SERVICE_QUERY=a="b"\\c=d'],
        env=("MEMORY_SERVICE_QUERY=a=\"b\"\\c=d ", " ENVIRONMENT=prod", "environment=prod")),
    "declared_secret": seed(
        secrets=("MY_CREDENTIAL",), pass_through=("MY_CREDENTIAL", "DB_PASSWORD_FILE"),
        refuse=("MY_CREDENTIAL=live",),
        env=("MY_CREDENTIAL=live-[ab]\ncd-0123456789", "DB_PASSWORD_FILE=/run/live/pw")),
    "inconsistent_policy": seed(
        enforced="Staging ", allowed=("prod",), vault_name="engram-prod-vault",
        vault_url="https://other.vault.azure.net/", refuse=("NOT_PASSED=staging", "AZURE_AI_ENDPOINT=")),
    "exec_fails": seed(flags=CALLER | RIGHT_ID | STAGED | EXEC_FAILS, test="a\nb[c]"),
    "long_value": seed(env=("AZURE_AI_ENDPOINT=" + "x" * 3000 + "-uat",)),
    "empty": b"",
}

if __name__ == "__main__":
    corpus = pathlib.Path(__file__).resolve().parent / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in SEEDS.items():
        (corpus / name).write_bytes(data)
