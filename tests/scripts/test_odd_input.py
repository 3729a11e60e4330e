#!/usr/bin/env python3
"""Odd values of the caller's environment through the REAL built programs:
the check program (staging_check_sample, built from templates/check with the
unit tests' sample policy) in its guard, session and run modes, and a
GoogleTest binary with the guard linked in (staging_odd_input_probe).

case.json can only hold JSON strings, so the non-UTF-8 values live here: the
environment is passed as bytes (os.environb), and an environment with two
entries of one name (which no Python mapping can hold) is handed to execve
as it is, through ctypes. The expected texts follow THE rule of
templates/check/staging/rules.hpp (ENVIRONMENT trimmed of ASCII whitespace,
ASCII case ignored; everything else byte for byte) and the printed form of
messages.hpp's printable(). A refusal of a test ends its process by SIGKILL
(returncode -9); the guard mode exits 1.

Python standard library only. Run by ctest as odd_input.programs:
  test_odd_input.py --check <staging_check_sample> --gtest <staging_odd_input_probe>
                    --policy-id <id>
"""
import argparse
import ctypes
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest

CHECK = None
PROBE = None
POLICY_ID = None

KILLED = -signal.SIGKILL

FORCED = {
    b"ENVIRONMENT": b"staging",
    b"AZURE_KEY_VAULT_NAME": b"engram-staging-vault",
    b"AZURE_KEYVAULT_URL": b"https://engram-staging-vault.vault.azure.net/",
    b"MEMORY_SERVICE_QUERY": b'a="b"\\c',
}

# Linux refuses to exec with one variable longer than 128 KiB (MAX_ARG_STRLEN,
# "NAME=value" and its NUL); the 1 MiB value is the unit tests' (fake
# environment). This is about the most a real caller can pass.
BIG = 131000


class Odd:
    def __init__(self, label, value, staging=False, names_none=False):
        self.label, self.value, self.staging, self.names_none = label, value, staging, names_none

    @property
    def accepted(self):
        """The caller's value passes the guard and the session."""
        return self.staging or self.names_none


ODD_VALUES = [
    Odd("empty", b"", names_none=True),
    Odd("whitespace only", b" \t\r\n\v\f ", names_none=True),
    Odd("whitespace around", b" Staging\n", staging=True),
    Odd("other case", b"STAGING", staging=True),
    Odd("tabs and mixed case", b"\tsTaGiNg\t", staging=True),
    Odd("large", b"a" * BIG),
    Odd("large whitespace around staging", b" " * (BIG // 2) + b"staging" + b" " * (BIG // 2),
        staging=True),
    Odd("large non-UTF-8", b"\xff" * BIG),
    Odd("newline inside", b"staging\nprod"),
    Odd("non-UTF-8", b"st\xc3\x28ging\xff"),
    Odd("Latin-1", b"st\xe4ging"),
    Odd("non-UTF-8 around staging", b"\xffstaging\xff"),
    Odd("Kelvin sign", "wor\u212a".encode()),
    Odd("= inside", b"staging=1"),
    Odd("an assignment", b"ENVIRONMENT=staging"),
    Odd("= around prod", b"=prod="),
    Odd("a bracket", b"staging["),
]


def printable(value: bytes) -> bytes:
    """messages.hpp's printable(): one line, escaped, cut at 200 bytes."""
    out = b""
    used = 0
    for byte in value:
        if byte == 0x0A:
            piece = b"\\n"
        elif byte == 0x5C:
            piece = b"\\\\"
        elif byte < 0x20 or byte >= 0x7F or byte == 0x5B:
            piece = b"\\x%02x" % byte
        else:
            piece = bytes([byte])
        if len(out) + len(piece) > 200:
            break
        out += piece
        used += 1
    if used < len(value):
        out += b"... (%d bytes)" % len(value)
    return out


def contains_word(text: bytes, word: bytes) -> bool:
    pattern = rb"(?<![A-Za-z0-9])" + re.escape(word) + rb"(?![A-Za-z0-9])"
    return re.search(pattern, text, re.IGNORECASE) is not None


TABLE_ROWS = [  # the environments, as messages.cpp prints them
    ([b"dev", b"development", b"sandbox"],
     b"  dev          Developer sandboxes  no               Medium"),
    ([b"test"], b"  test         Legacy test env      no (deprecated)  High"),
    ([b"uat"], b"  uat          User acceptance      no               High"),
    ([b"prod", b"production", b"prd", b"live"],
     b"  prod         Production           no               CRITICAL"),
]


def environment_table(value: bytes) -> bytes:
    marked = next((i for i, (words, _) in enumerate(TABLE_ROWS)
                   if any(contains_word(value, w) for w in words)), None)
    if marked is None:
        return b""
    text = (b"Environments:\n"
            b"  Environment  Purpose              Can test?        Data risk\n"
            b"  staging      Dedicated testing    YES              Low (test data)\n")
    for i, (_, row) in enumerate(TABLE_ROWS):
        text += row + (b"  <- refused" if i == marked else b"") + b"\n"
    return text


def refusal(value: bytes) -> bytes:
    return (b"ERROR: Tests must run against STAGING environment only!\n"
            b"Current environment: " + printable(value) + b"\n"
            b"Allowed environments: staging\n" + environment_table(value) +
            b"Fix: unset ENVIRONMENT or set it to one of: staging\n")


RULE = b"=" * 70 + b"\n"
BANNER = (RULE + b"CTEST CONFIGURATION: Staging Environment Tests\n" + RULE +
          b"Environment: staging\nVault: engram-staging-vault\n"
          b"AZURE_AI_ENDPOINT: not set\nAZURE_AI_KEY: not set\n"
          b"Network guard: host names holding uat, prod, production, prd, live unreachable; "
          b"loopback reachable\nPrograms that may run unguarded: */valgrind/*-linux\n" + RULE)
CONFIRMATION = b"\n\xe2\x9c\x93 Confirmed: Running tests against STAGING environment\n"


def base_environment(extra=None, **named):
    """The caller's environment without the policy's inputs, plus `extra`
    (bytes or str names) and `named`; values are bytes."""
    environment = {k: v for k, v in os.environb.items()
                   if not (k in FORCED or k.startswith((b"AZURE_", b"STAGING_TESTS_", b"GTEST_",
                                                        b"PROBE_", b"ODD_INPUT_")))}
    for name, value in [*(extra or {}).items(), *named.items()]:
        environment[os.fsencode(name)] = value
    return environment


def run(command, environment):
    return subprocess.run(command, env=environment, capture_output=True, timeout=60)


_LIBC = ctypes.CDLL(None, use_errno=True)


def run_with_entries(command, entries):
    """Runs `command` (its program a path) with exactly the environment
    `entries` ("NAME=value" bytes, duplicates kept, in order)."""
    arguments = [os.fsencode(word) for word in command]

    def exec_with_entries():
        argv = (ctypes.c_char_p * (len(arguments) + 1))(*arguments, None)
        envp = (ctypes.c_char_p * (len(entries) + 1))(*entries, None)
        _LIBC.execve(arguments[0], argv, envp)
        os._exit(127)

    return subprocess.run(command, env={}, preexec_fn=exec_with_entries, capture_output=True,
                          timeout=60)


def entries_of(environment):
    return [name + b"=" + value for name, value in environment.items()]


REPORT_ENVIRONMENT = [sys.executable, "-c",
                      "import os, sys; "
                      "sys.stdout.write(os.environb.get(b'ENVIRONMENT', b'unset').hex())"]


class NeedsPrograms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if CHECK is None or PROBE is None or POLICY_ID is None:
            raise unittest.SkipTest("run as a script with --check, --gtest and --policy-id "
                                    "(ctest does)")

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.runs = 0

    def tearDown(self):
        self.scratch.cleanup()

    def run_dir(self, stamped=False):
        """A new run directory; with the session's stamp when `stamped`."""
        self.runs += 1
        path = os.path.join(self.scratch.name, "runs", "2026%010d-odd" % self.runs)
        if stamped:
            os.makedirs(path)
            with open(os.path.join(path, "session.ok"), "wb") as stamp:
                stamp.write(b"ok\n")
        return path


class CheckProgram(NeedsPrograms):
    """staging_tests_check, as ctest runs it."""

    def test_guard_mode(self):
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                result = run([CHECK, "guard", "--policy-id", POLICY_ID],
                             base_environment(ENVIRONMENT=odd.value))
                self.assertEqual(result.stdout, b"")
                if odd.accepted:
                    self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                    self.assertEqual(result.stderr, BANNER + CONFIRMATION)
                else:
                    self.assertEqual(result.returncode, 1)
                    self.assertEqual(result.stderr, refusal(odd.value))

    def test_session_by_hand(self):
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                run_dir = self.run_dir()
                result = run([CHECK, "session", "--run-dir", run_dir],
                             base_environment(ENVIRONMENT=odd.value))
                if odd.accepted:
                    self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                    self.assertEqual(result.stdout, BANNER + CONFIRMATION)
                    self.assertEqual(result.stderr, b"")
                    self.assertTrue(os.path.isfile(os.path.join(run_dir, "session.ok")))
                else:
                    self.assertEqual(result.returncode, KILLED)
                    self.assertEqual(result.stdout, b"")
                    self.assertEqual(result.stderr, refusal(odd.value))
                    self.assertFalse(os.path.exists(run_dir))

    def test_session_under_the_guard_judges_the_captured_value(self):
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                environment = base_environment(FORCED)
                environment[b"STAGING_TESTS_GUARD"] = b"1"
                environment[b"STAGING_TESTS_CALLER_ENVIRONMENT"] = odd.value
                result = run([CHECK, "session", "--run-dir", self.run_dir()], environment)
                if odd.accepted:
                    self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                    self.assertEqual(result.stdout, BANNER + CONFIRMATION)
                else:
                    self.assertEqual(result.returncode, KILLED)
                    self.assertEqual(result.stderr, refusal(odd.value))

    def test_run_mode_applies_the_rule_per_test(self):
        run_dir = self.run_dir(stamped=True)
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                environment = base_environment(FORCED)
                environment[b"ENVIRONMENT"] = odd.value
                result = run([CHECK, "run", "--run-dir", run_dir, "--test", "odd test", "--",
                              *REPORT_ENVIRONMENT], environment)
                if odd.staging:
                    self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                    self.assertEqual(result.stderr, b"")
                    # Judged, not rewritten: the test sees the caller's bytes.
                    self.assertEqual(result.stdout, odd.value.hex().encode())
                else:
                    self.assertEqual(result.returncode, KILLED)
                    self.assertEqual(result.stdout, b"", "the command must not run")
                    self.assertEqual(result.stderr,
                                     b"StagingTests: test 'odd test' refused: ENVIRONMENT is '" +
                                     printable(odd.value) + b"', required 'staging'\n")
        with open(os.path.join(run_dir, "tests.log"), "rb") as log:
            lines = log.read().splitlines()
        self.assertEqual(len(lines), len(ODD_VALUES))
        self.assertEqual(sum(line == b"ok check odd test" for line in lines),
                         sum(odd.staging for odd in ODD_VALUES))

    def test_other_forced_variables_compare_byte_for_byte(self):
        run_dir = self.run_dir(stamped=True)
        for name, odd in [(b"AZURE_KEY_VAULT_NAME", b" engram-staging-vault"),
                          (b"AZURE_KEY_VAULT_NAME", b"ENGRAM-STAGING-VAULT"),
                          (b"AZURE_KEY_VAULT_NAME", b"engram-staging-vault\n"),
                          (b"AZURE_KEY_VAULT_NAME", b"engram-staging-vault\xff"),
                          (b"AZURE_KEY_VAULT_NAME", b""),
                          (b"AZURE_KEYVAULT_URL", b"https://engram-staging-vault.vault.azure.net"),
                          (b"MEMORY_SERVICE_QUERY", b'a="b"\\c='),
                          (b"MEMORY_SERVICE_QUERY", b'a="b"\\c\n'),
                          (b"MEMORY_SERVICE_QUERY", b"v" * BIG)]:
            with self.subTest(name=name, value=odd[:40]):
                environment = base_environment(FORCED)
                environment[name] = odd
                result = run([CHECK, "run", "--run-dir", run_dir, "--test", "t", "--",
                              *REPORT_ENVIRONMENT], environment)
                self.assertEqual(result.returncode, KILLED)
                self.assertEqual(result.stdout, b"")
                self.assertEqual(result.stderr,
                                 b"StagingTests: test 't' refused: " + name + b" is '" +
                                 printable(odd) + b"', required '" + printable(FORCED[name]) +
                                 b"'\n")
        result = run([CHECK, "run", "--run-dir", run_dir, "--test", "t", "--",
                      *REPORT_ENVIRONMENT], base_environment(FORCED))
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_names_are_never_trimmed_or_case_folded(self):
        environment = base_environment({" ENVIRONMENT": b"production",
                                        "ENVIRONMENT ": b"production",
                                        "environment": b"production"})
        result = run([CHECK, "guard", "--policy-id", POLICY_ID], environment)
        self.assertEqual(result.returncode, 0, result.stderr)
        result = run([CHECK, "run", "--run-dir", self.run_dir(stamped=True), "--test", "t", "--",
                      *REPORT_ENVIRONMENT], environment)
        self.assertEqual(result.returncode, KILLED)
        self.assertTrue(result.stderr.startswith(
            b"StagingTests: test 't' refused: ENVIRONMENT is not set, required 'staging'\n"),
            result.stderr)

    def test_refused_words_across_odd_bytes(self):
        for value, refused in [(b"https://x/\xffprod\n", True), (b"https://x/a=uat", True),
                               (b"PROD", True), (b"x" * BIG + b"-prod", True),
                               ("https://x/\u212aprod".encode(), True),
                               (b"https://product.example/", False), (b"pr\nod", False)]:
            with self.subTest(value=value[:40]):
                result = run([CHECK, "guard", "--policy-id", POLICY_ID],
                             base_environment(AZURE_AI_ENDPOINT=value))
                if not refused:
                    self.assertEqual(result.returncode, 0, result.stderr)
                    continue
                word = b"uat" if b"uat" in value else b"prod"
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stderr.splitlines(keepends=True)[0],
                                 b"StagingTests: session refused: AZURE_AI_ENDPOINT is '" +
                                 printable(value) + b"': it contains the refused word '" + word +
                                 b"' (REFUSE AZURE_AI_ENDPOINT MATCHES " + word + b")\n")
                self.assertLess(len(result.stderr), 2000)

    def test_odd_secret_values_are_never_shown(self):
        for secret in [b"k-\xff\nprod-s3cr3t", b"s3cr3t=prod", b"s3cr3t" * (BIG // 6)]:
            with self.subTest(secret=secret[:20]):
                result = run([CHECK, "guard", "--policy-id", POLICY_ID],
                             base_environment(AZURE_AI_KEY=secret,
                                              AZURE_AI_ENDPOINT=b"https://x/prod"))
                self.assertEqual(result.returncode, 1)
                self.assertNotIn(b"s3cr3t", result.stdout + result.stderr)
                result = run([CHECK, "guard", "--policy-id", POLICY_ID],
                             base_environment(AZURE_AI_KEY=secret))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(b"AZURE_AI_KEY: set (redacted)\n", result.stderr)
                self.assertNotIn(b"s3cr3t", result.stdout + result.stderr)


class Duplicates(NeedsPrograms):
    """Two entries of one name: getenv reads the first, a shell the last."""

    def test_the_helper_really_passes_both_entries(self):
        result = run_with_entries(
            [sys.executable, "-c", "import os, sys; sys.stdout.buffer.write("
             "b'|'.join(e for e in open('/proc/self/environ', 'rb').read().split(b'\\0') "
             "if e.startswith(b'DUP=')))"],
            [b"DUP=first", b"DUP=second"])
        self.assertEqual(result.stdout, b"DUP=first|DUP=second", result.stderr)

    def test_the_guard_mode_refuses_a_second_entry(self):
        for first, last in [(b"staging", b"production"), (b"staging", b"staging"),
                            (b"production", b"staging")]:
            with self.subTest(first=first, last=last):
                entries = entries_of(base_environment()) + [b"ENVIRONMENT=" + first,
                                                            b"ENVIRONMENT=" + last]
                result = run_with_entries([CHECK, "guard", "--policy-id", POLICY_ID], entries)
                self.assertEqual(result.returncode, 1, result.stderr)
                if first == b"production":
                    self.assertEqual(result.stderr, refusal(b"production"))
                else:
                    self.assertTrue(result.stderr.startswith(
                        b"StagingTests: session refused: ENVIRONMENT is set more than once ('" +
                        first + b"' first, '" + last + b"' last)"), result.stderr)

    def test_a_second_pass_through_entry_is_refused_with_both_values(self):
        entries = entries_of(base_environment()) + [b"AZURE_AI_ENDPOINT=https://a/",
                                                    b"AZURE_AI_ENDPOINT=https://b/"]
        result = run_with_entries([CHECK, "guard", "--policy-id", POLICY_ID], entries)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"AZURE_AI_ENDPOINT is set more than once ('https://a/' first, "
                      b"'https://b/' last)", result.stderr)

    def test_the_run_mode_refuses_a_second_entry(self):
        run_dir = self.run_dir(stamped=True)
        for name, value in [(b"ENVIRONMENT", b"staging"),
                            (b"AZURE_KEY_VAULT_NAME", b"engram-prod-vault"),
                            (b"AZURE_AI_ENDPOINT", b"https://engram-prod-ai.example/")]:
            with self.subTest(name):
                entries = entries_of(base_environment(FORCED)) + [name + b"=" + value]
                if name == b"AZURE_AI_ENDPOINT":
                    entries.insert(0, b"AZURE_AI_ENDPOINT=https://engram-staging-ai.example/")
                result = run_with_entries([CHECK, "run", "--run-dir", run_dir, "--test", "t",
                                           "--", *REPORT_ENVIRONMENT], entries)
                self.assertEqual(result.returncode, KILLED, result.stderr)
                self.assertEqual(result.stdout, b"", "the command must not run")
                self.assertIn(b"StagingTests: test 't' refused: " + name +
                              b" is set more than once", result.stderr)

    def test_the_guarded_binary_refuses_a_second_entry_and_lists_anyway(self):
        entries = entries_of(base_environment()) + [b"ENVIRONMENT=staging",
                                                    b"ENVIRONMENT=production"]
        result = run_with_entries([PROBE, "--gtest_filter=OddInputProbe.ReportsEnvironment"],
                                  entries)
        self.assertEqual(result.returncode, KILLED, result.stdout)
        self.assertNotIn(b"probe ENVIRONMENT=", result.stdout, "no case may run")
        self.assertIn(b"ENVIRONMENT is set more than once", result.stderr)
        result = run_with_entries([PROBE, "--gtest_list_tests"], entries)
        self.assertEqual(result.returncode, 0, result.stderr)


class GoogleTestGuard(NeedsPrograms):
    """A GoogleTest binary with the guard linked in."""

    def test_caller_values_at_start(self):
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                result = run([PROBE, "--gtest_filter=OddInputProbe.*"],
                             base_environment(ENVIRONMENT=odd.value))
                if odd.accepted:
                    self.assertEqual(result.returncode, 0, result.stdout[-2000:])
                    self.assertIn(b"probe ENVIRONMENT=" + b"staging".hex().encode() + b"\n",
                                  result.stdout)
                else:
                    self.assertEqual(result.returncode, KILLED)
                    self.assertEqual(result.stderr, refusal(odd.value))
                    self.assertNotIn(b"probe ENVIRONMENT=", result.stdout, "no test may run")

    def test_listing_tests_is_never_blocked(self):
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                result = run([PROBE, "--gtest_list_tests", "--gtest_filter=OddInputProbe.*"],
                             base_environment(ENVIRONMENT=odd.value))
                self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                self.assertEqual(result.stdout,
                                 b"OddInputProbe.\n  SetsEnvironment\n  ReportsEnvironment\n")

    def test_a_test_that_sets_an_odd_value(self):
        for odd in ODD_VALUES:
            with self.subTest(odd.label):
                result = run([PROBE, "--gtest_filter=OddInputProbe.*"],
                             base_environment(ODD_INPUT_SET=odd.value))
                if odd.staging:
                    # The same environment: no failure, and nothing to restore.
                    self.assertEqual(result.returncode, 0, result.stdout[-2000:])
                    self.assertIn(b"probe ENVIRONMENT=" + odd.value.hex().encode() + b"\n",
                                  result.stdout)
                    continue
                self.assertEqual(result.returncode, KILLED)
                self.assertIn(b"StagingTests: test 'OddInputProbe.SetsEnvironment' changed the "
                              b"environment while it ran: ENVIRONMENT is '" +
                              printable(odd.value) + b"', required 'staging'\n", result.stdout)
                # Restored for the next test.
                self.assertIn(b"probe ENVIRONMENT=" + b"staging".hex().encode() + b"\n",
                              result.stdout)


def main():
    global CHECK, PROBE, POLICY_ID
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", required=True, help="the built staging_check_sample")
    parser.add_argument("--gtest", required=True, help="the built staging_odd_input_probe")
    parser.add_argument("--policy-id", required=True, help="the sample policy's id")
    args, rest = parser.parse_known_args()
    CHECK, PROBE, POLICY_ID = (os.path.abspath(args.check), os.path.abspath(args.gtest),
                               args.policy_id)
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
