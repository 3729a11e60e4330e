#!/usr/bin/env python3
"""Writes the hand-written inputs of tests/fuzz/corpus/ (input layout: the
comment at the top of fuzz_policy.cpp). Re-run after changing the layout."""
import pathlib

FORCE, GUARDED, CALLER, RIGHT_ID, EXEC_FAILS, STAGED, OUTSIDE, STAMPED = (
    1, 2, 4, 8, 16, 32, 64, 128)
# GoogleTest's skip marker, never spelt in a source (see tests/unit/fakes.hpp).
SKIP = "[ " + " SKIPPED ]"
# A target variable of field 13: role (NAME, ID, VALUE, URL, PATH, SECRET),
# mode (f forced, F forced but not in the forced list, p passed through,
# P passed through but not in the pass-through list), kind.
KINDS = ("custom", "aws", "google-cloud", "kubernetes", "url", "azure-key-vault")


def target(role, mode, kind, name, value=""):
    return "NIVUPS"[("NAME", "ID", "VALUE", "URL", "PATH", "SECRET").index(role)] + mode + str(
        KINDS.index(kind)) + name + "=" + value


DATABASE_URL = target("URL", "p", "url", "DATABASE_URL")
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
         test="chat_smoke", policy_id="policy-1", targets=()):
    def text(value):
        return value if isinstance(value, bytes) else value.encode()

    def items(values):
        return b"\x1e".join(text(v) for v in values)

    return b"\0".join([bytes([flags]), text(enforced), items(allowed), items(forced),
                       items(pass_through), items(secrets), text(vault_name), text(vault_url),
                       items(refuse), items(env), text(caller), text(test), text(policy_id),
                       items(targets)])


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
    # The targets: a caller's value of a forced NAME, ID, URL or PATH that
    # names another target (FAIL only), passed-through and watched values
    # judged by the word rule, URLs shown without their secrets.
    "vault_other_caller_values": corpus_input(
        flags=CALLER | RIGHT_ID | STAMPED,
        env=("AZURE_KEY_VAULT_NAME=engram-uat-vault",
             "AZURE_KEYVAULT_URL=https://engram-uat-vault.vault.azure.net/")),
    "vault_other_caller_values_force": corpus_input(
        flags=FORCE | CALLER | RIGHT_ID | STAMPED,
        env=("AZURE_KEY_VAULT_NAME=engram-uat-vault",
             "AZURE_KEYVAULT_URL=https://engram-uat-vault.vault.azure.net/")),
    "vault_same_caller_values": corpus_input(
        flags=CALLER | RIGHT_ID | STAMPED,
        env=("AZURE_KEY_VAULT_NAME=ENGRAM-Staging-Vault",
             "AZURE_KEYVAULT_URL=HTTPS://user:pw~4711~s3cr3t@Engram-Staging-Vault.vault.azure.net/")),
    "vault_url_other_path": corpus_input(
        flags=CALLER | RIGHT_ID | STAMPED,
        env=("AZURE_KEYVAULT_URL=https://u:pw~4711~s3cr3t@engram-staging-vault.vault.azure.net",)),
    "database_url_prod_host": corpus_input(
        targets=(DATABASE_URL,), pass_through=("AZURE_AI_ENDPOINT", "AZURE_AI_KEY", "DATABASE_URL"),
        env=("DATABASE_URL=postgres://app:s3cr3t~pw~4711@db-prod.internal:5432/app_staging"
             "?sslmode=require&api_key=k3y~value~0815#access_token=t0k3n~value~42",)),
    "database_url_staging_host_test_db": corpus_input(
        flags=GUARDED | CALLER | RIGHT_ID | STAGED | STAMPED,
        targets=(DATABASE_URL,), pass_through=("AZURE_AI_ENDPOINT", "AZURE_AI_KEY", "DATABASE_URL"),
        env=("DATABASE_URL=postgresql://app:s3cr3t~pw~4711@db.staging.internal/app_test",)),
    "database_url_not_a_url": corpus_input(
        targets=(DATABASE_URL,), pass_through=("AZURE_AI_ENDPOINT", "AZURE_AI_KEY", "DATABASE_URL"),
        env=("DATABASE_URL=postgres://u:p~4711~s3cr3t@ss/w@db-prod/db",
             "DATABASE_URL=postgres://u:12/34~s3cr3t@h/db")),
    "watched_values": corpus_input(
        env=("DATABASE_URL=mysql://root:r00t~s3cr3t~pw@mysql-prod.example/app",
             "AWS_PROFILE=prod-admin", "KUBECONFIG=/home/u/.kube/uat-config",
             "AWS_ENDPOINT_URL=not a url, prod", "GOOGLE_CLOUD_PROJECT=engram-staging",
             "GOOGLE_CLOUD_PROJECT=engram-dev")),
    "aws_forced_and_passed": corpus_input(
        flags=CALLER | RIGHT_ID | STAMPED,
        forced=FORCED + ["AWS_PROFILE=engram-staging", "AWS_ACCOUNT_ID=123456789012",
                         "AWS_REGION=eu-west-1"],
        pass_through=("AZURE_AI_ENDPOINT", "AZURE_AI_KEY", "AWS_CONFIG_FILE", "AWS_SECRET_ACCESS_KEY"),
        secrets=("AWS_SECRET_ACCESS_KEY",),
        targets=(target("NAME", "F", "aws", "AWS_PROFILE", "engram-staging"),
                 target("ID", "F", "aws", "AWS_ACCOUNT_ID", "123456789012"),
                 target("VALUE", "F", "aws", "AWS_REGION", "eu-west-1"),
                 target("PATH", "P", "aws", "AWS_CONFIG_FILE"),
                 target("SECRET", "P", "aws", "AWS_SECRET_ACCESS_KEY")),
        env=("AWS_PROFILE=Engram-Staging", "AWS_ACCOUNT_ID=210987654321", "AWS_REGION=us-east-1",
             "AWS_CONFIG_FILE=/etc/aws/prod/config", "AWS_SECRET_ACCESS_KEY=\x01s3cr3t-prod\x01")),
    "kubernetes_forced_path": corpus_input(
        flags=CALLER | RIGHT_ID | STAMPED,
        targets=(target("PATH", "f", "kubernetes", "KUBECONFIG", "/etc/kube/staging.yaml"),
                 target("NAME", "f", "custom", "KUBE_CONTEXT", "engram-staging")),
        env=("KUBECONFIG=/etc/kube/prod.yaml", "KUBE_CONTEXT=engram-prod")),
    "inconsistent_targets": corpus_input(
        targets=(target("URL", "f", "url", "SERVICE_URL", "https://u:pw@svc.staging.example/"),
                 target("NAME", "f", "google-cloud", "GOOGLE_CLOUD_PROJECT", "engram-qa"),
                 target("NAME", "f", "custom", "TEAM_NAME", "engram-staging-prod"),
                 target("SECRET", "f", "custom", "TEAM_TOKEN", "x"),
                 target("NAME", "p", "custom", "PASSED_NAME"),
                 target("URL", "f", "url", "BROKEN_URL", "not a url"),
                 target("PATH", "F", "kubernetes", "KUBECONFIG", "/k"))),
    "doctor_listing": corpus_input(env=("STAGING_TESTS_DOCTOR_LISTING=1",)),
}

if __name__ == "__main__":
    corpus = pathlib.Path(__file__).resolve().parent / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in INPUTS.items():
        (corpus / name).write_bytes(data)
