#!/usr/bin/env python3
"""The GoogleTest listener (templates/guard/staging_gtest_guard.cpp) in a real
GoogleTest binary: staging_odd_input_probe, built by tests/unit/CMakeLists.txt
with the listener compiled in C++11 and the guard with the unit tests' sample
policy. Each case of the probe does what a meddling test would do; this
script runs it directly (and through the real check program,
staging_check_sample) and judges how the process ended.

A refusal or a violation must end the process by SIGKILL: ctest reads a
process killed by a signal as failed before it looks at a skip code, a skip
or pass pattern or WILL_FAIL (returncode -9 here).

Python standard library only. Run by ctest as gtest_guard.listener:
  test_gtest_guard.py --check <staging_check_sample> --gtest <staging_odd_input_probe>
                      --policy-id <id>
"""
import argparse
import os
import signal
import stat
import subprocess
import sys
import tempfile
import unittest

CHECK = None
PROBE = None
POLICY_ID = None

KILLED = -signal.SIGKILL
STAGING_HEX = b"staging".hex().encode()
# GoogleTest's skip marker, never spelt in a source (see tests/unit/fakes.hpp).
SKIP_MARKER = b"[ " + b" SKIPPED ]"

FORCED = {
    b"ENVIRONMENT": b"staging",
    b"AZURE_KEY_VAULT_NAME": b"engram-staging-vault",
    b"AZURE_KEYVAULT_URL": b"https://engram-staging-vault.vault.azure.net/",
    b"MEMORY_SERVICE_QUERY": b'a="b"\\c',
}

PRODUCTION_REFUSAL = (
    b"ERROR: Tests must run against STAGING environment only!\n"
    b"Current environment: production\n"
    b"Allowed environments: staging\n"
    b"Environments:\n"
    b"  Environment  Purpose              Can test?        Data risk\n"
    b"  staging      Dedicated testing    YES              Low (test data)\n"
    b"  dev          Developer sandboxes  no               Medium\n"
    b"  test         Legacy test env      no (deprecated)  High\n"
    b"  uat          User acceptance      no               High\n"
    b"  prod         Production           no               CRITICAL  <- refused\n"
    b"Fix: unset ENVIRONMENT or set it to one of: staging\n")


def base_environment(extra=None, **named):
    """The caller's environment without the policy's inputs, plus `extra`
    (bytes or str names) and `named`; values are bytes."""
    environment = {k: v for k, v in os.environb.items()
                   if not (k in FORCED or k.startswith((b"AZURE_", b"STAGING_TESTS_", b"GTEST_",
                                                        b"PROBE_", b"ODD_INPUT_")))}
    for name, value in [*(extra or {}).items(), *named.items()]:
        environment[os.fsencode(name)] = value
    return environment


def run(command, environment, timeout=60):
    return subprocess.run(command, env=environment, capture_output=True, timeout=timeout)


def probe(case, environment=None, *arguments):
    return run([PROBE, f"--gtest_filter={case}", *arguments],
               base_environment() if environment is None else environment)


def describe(result):
    return (f"returncode {result.returncode}\nstdout:\n{result.stdout[-3000:].decode(errors='replace')}"
            f"\nstderr:\n{result.stderr[-3000:].decode(errors='replace')}")


class NeedsPrograms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if CHECK is None or PROBE is None or POLICY_ID is None:
            raise unittest.SkipTest("run as a script with --check, --gtest and --policy-id "
                                    "(ctest does)")

    def assertKilled(self, result, message=""):
        self.assertEqual(result.returncode, KILLED, f"{message}\n{describe(result)}")

    def assertPassed(self, result, message=""):
        self.assertEqual(result.returncode, 0, f"{message}\n{describe(result)}")


class Cases(NeedsPrograms):
    """One case at a time, run by hand."""

    def test_a_clean_case_passes_and_sees_the_forced_values(self):
        result = probe("Probe.Clean")
        self.assertPassed(result)
        self.assertIn(b"probe body ran\n", result.stdout)
        self.assertIn(b"probe ENVIRONMENT=" + STAGING_HEX + b"\n", result.stdout)
        self.assertIn(b"probe AZURE_KEY_VAULT_NAME=" + b"engram-staging-vault".hex().encode(),
                      result.stdout)
        self.assertEqual(result.stderr, b"")

    def test_a_case_that_restores_what_it_changed_passes(self):
        self.assertPassed(probe("Probe.FlipsAndRestores"))

    def test_every_change_is_killed_however_the_case_ends(self):
        changed_while_running = b"StagingTests: test 'Probe.%s' changed the environment while it ran: "
        changed_at_exit = b"StagingTests: test 'Probe.%s' changed the environment and ended the process: "
        production = b"ENVIRONMENT is 'production', required 'staging'\n"
        cases = {
            "Flips": (changed_while_running, production),
            "FlipsThenSkips": (changed_while_running, production),
            "FlipsThenPrintsTheSkipMarker": (changed_while_running, production),
            "FlipsThenExits": (changed_at_exit, production),
            "FlipsThenUnderscoreExits": (changed_at_exit, production),
            "FlipsThenCapitalExits": (changed_at_exit, production),
            "FlipsThenQuickExits": (changed_at_exit, production),
            "EditsInPlace": (changed_while_running, b"ENVIRONMENT is 'prod', required 'staging'\n"),
            "AddsASecondEntry": (changed_while_running,
                                 b"ENVIRONMENT is set more than once ('staging' first, "
                                 b"'production' last)"),
            "ClearsTheEnvironment": (changed_while_running,
                                     b"ENVIRONMENT is not set, required 'staging'\n"),
            "SetsARefusedEndpoint": (changed_while_running,
                                     b"AZURE_AI_ENDPOINT is 'https://engram-prod-ai.openai.azure.com/': "
                                     b"it contains the refused word 'prod'"),
        }
        for case, (lead, what) in cases.items():
            with self.subTest(case):
                result = probe(f"Probe.{case}")
                self.assertKilled(result)
                self.assertIn((lead % case.encode()) + what, result.stdout + result.stderr,
                              describe(result))

    def test_a_skip_marker_cannot_hide_a_violation(self):
        result = probe("Probe.FlipsThenPrintsTheSkipMarker")
        self.assertIn(SKIP_MARKER + b" Probe.FlipsThenPrintsTheSkipMarker\n", result.stdout,
                      "the case did print it")
        self.assertKilled(result)
        # GTEST_SKIP() after a change: the guard's failure outranks the skip.
        result = probe("Probe.FlipsThenSkips")
        self.assertIn(b": Skipped\n", result.stdout)
        self.assertIn(b"[  FAILED  ] Probe.FlipsThenSkips", result.stdout)
        self.assertKilled(result)

    def test_a_main_that_ignores_the_result_is_still_killed(self):
        environment = base_environment(PROBE_IGNORE_RESULT=b"1")
        self.assertPassed(probe("Probe.Clean", environment))
        self.assertKilled(probe("Probe.Flips", environment))

    def test_a_later_case_starts_restored(self):
        result = probe("Probe.Flips:Probe.ReportsAfterwards")
        self.assertKilled(result)
        self.assertLess(result.stdout.index(b"Probe.Flips"),
                        result.stdout.index(b"probe ENVIRONMENT="), "defined after it")
        self.assertIn(b"probe ENVIRONMENT=" + STAGING_HEX + b"\n", result.stdout)
        self.assertNotIn(b"started with a changed environment", result.stdout)


class Caller(NeedsPrograms):
    """What the caller brought, judged before any case runs."""

    def test_a_refused_caller_dies_before_any_case_body(self):
        for environment, lead in [
                (base_environment(ENVIRONMENT=b"production"), PRODUCTION_REFUSAL),
                (base_environment(AZURE_AI_ENDPOINT=b"https://uat.example/"),
                 b"StagingTests: session refused: AZURE_AI_ENDPOINT is 'https://uat.example/': "
                 b"it contains the refused word 'uat' (REFUSE AZURE_AI_ENDPOINT MATCHES uat)\n"),
                (base_environment(AZURE_KEY_VAULT_NAME=b"engram-prod-vault"),
                 b"StagingTests: session refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault', "
                 b"required 'engram-staging-vault'\n")]:
            with self.subTest(lead[:60]):
                result = probe("Probe.Clean", environment)
                self.assertKilled(result)
                self.assertNotIn(b"probe body ran", result.stdout)
                self.assertTrue(result.stderr.startswith(lead), describe(result))
                if lead is PRODUCTION_REFUSAL:
                    self.assertEqual(result.stderr, PRODUCTION_REFUSAL)

    def test_an_allowed_caller_runs(self):
        for value in [b"staging", b" STAGING\n", b""]:
            with self.subTest(value):
                result = probe("Probe.Clean", base_environment(ENVIRONMENT=value))
                self.assertPassed(result)
                self.assertIn(b"probe ENVIRONMENT=" + STAGING_HEX + b"\n", result.stdout)

    def test_listing_works_in_any_shell(self):
        for environment in [base_environment(ENVIRONMENT=b"production"),
                            base_environment(AZURE_AI_ENDPOINT=b"https://prod.example/"),
                            base_environment(AZURE_KEY_VAULT_NAME=b"engram-prod-vault")]:
            result = run([PROBE, "--gtest_list_tests"], environment)
            self.assertPassed(result)
            self.assertIn(b"\nProbe.\n  Clean\n", b"\n" + result.stdout)
            self.assertIn(b"\nDeathProbe.\n  ExpectDeath\n", result.stdout)
            self.assertEqual(result.stderr, b"")


class DeathTests(NeedsPrograms):
    """GoogleTest's internal death-test flag silences every listener."""

    def test_the_internal_flag_outside_a_death_test_is_refused(self):
        result = probe("Probe.Clean", None, "--gtest_internal_run_death_test=x|0|0|2")
        self.assertKilled(result)
        self.assertIn(b"StagingTests: GoogleTest ran with its internal death-test flag outside a "
                      b"death test", result.stderr)

    def test_a_malformed_flag_never_exits_cleanly(self):
        # GoogleTest itself aborts on a flag without its write descriptor.
        result = probe("Probe.Clean", None, "--gtest_internal_run_death_test=x|0|0")
        self.assertLess(result.returncode, 0, describe(result))

    def test_silenced_a_refused_caller_is_still_forced_and_killed(self):
        result = probe("Probe.Clean", base_environment(ENVIRONMENT=b"production"),
                       "--gtest_internal_run_death_test=x|0|0|2")
        self.assertKilled(result)
        # The listener never heard the program start, but the case ran
        # against staging all the same.
        self.assertIn(b"probe ENVIRONMENT=" + STAGING_HEX + b"\n", result.stdout)

    def test_silenced_a_change_is_killed(self):
        self.assertKilled(probe("Probe.Flips", None, "--gtest_internal_run_death_test=x|0|0|2"))

    def test_real_death_tests_still_pass(self):
        for style in ["fast", "threadsafe"]:
            with self.subTest(style):
                result = probe("DeathProbe.*", None, f"--gtest_death_test_style={style}")
                self.assertPassed(result)
                self.assertIn(b"4 tests", result.stdout)
                self.assertNotIn(b"StagingTests:", result.stdout + result.stderr)


class UnderCtest(NeedsPrograms):
    """Through the check program, as ctest runs a staged GoogleTest binary."""

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.run_dir = os.path.join(self.scratch.name, "runs", "20260101T000000-unit")

    def tearDown(self):
        self.scratch.cleanup()

    def session(self):
        result = run([CHECK, "session", "--run-dir", self.run_dir], base_environment(FORCED))
        self.assertPassed(result, "the session")

    def check_run(self, case, environment=None, test="probe"):
        return run([CHECK, "run", "--run-dir", self.run_dir, "--test", test, "--", PROBE,
                    f"--gtest_filter={case}"],
                   base_environment(FORCED) if environment is None else environment)

    def record(self):
        with open(os.path.join(self.run_dir, "tests.log"), "rb") as log:
            return log.read()

    def test_each_case_is_recorded_with_its_verdict(self):
        self.session()
        self.assertPassed(self.check_run("Probe.Clean", test="clean"))
        self.assertKilled(self.check_run("Probe.Flips:Probe.ReportsAfterwards", test="flips"))
        self.assertEqual(self.record(),
                         b"ok check clean\nok gtest Probe.Clean\n"
                         b"ok check flips\nrefused gtest Probe.Flips\n"
                         b"ok gtest Probe.ReportsAfterwards\n")
        result = run([CHECK, "checklist", "--run-dir", self.run_dir], base_environment(FORCED))
        self.assertEqual(result.returncode, 1, "a refusal fails the checklist\n" + describe(result))
        self.assertIn(b"Cases checked inside their binaries, before and after each case: 3 "
                      b"(GoogleTest 3), failed 1: Probe.Flips\n", result.stdout)

    def test_without_the_session_nothing_runs(self):
        os.makedirs(self.run_dir)
        result = self.check_run("Probe.Clean")
        self.assertKilled(result)
        self.assertNotIn(b"probe body ran", result.stdout)
        self.assertIn(b"the session 'staging_session' did not pass", result.stderr)

    def test_a_fifo_in_place_of_the_record_is_refused_without_waiting(self):
        self.session()
        os.mkfifo(os.path.join(self.run_dir, "tests.log"))
        result = self.check_run("Probe.Clean")  # run() times out if it blocks
        self.assertKilled(result)
        self.assertNotIn(b"probe body ran", result.stdout)
        self.assertIn(b"tests.log is not a regular file", result.stderr)
        self.assertTrue(stat.S_ISFIFO(os.stat(os.path.join(self.run_dir, "tests.log")).st_mode))

    def test_the_guard_mode_refuses_before_ctest_starts(self):
        result = run([CHECK, "guard", "--policy-id", POLICY_ID],
                     base_environment(ENVIRONMENT=b"production"))
        self.assertEqual(result.returncode, 1, describe(result))
        self.assertEqual(result.stdout, b"")
        self.assertEqual(result.stderr, PRODUCTION_REFUSAL)
        result = run([CHECK, "guard", "--policy-id", POLICY_ID + "0"], base_environment())
        self.assertEqual(result.returncode, 3, describe(result))


def main():
    global CHECK, PROBE, POLICY_ID
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", required=True, help="the built staging_check_sample")
    parser.add_argument("--gtest", required=True, help="the built staging_odd_input_probe")
    parser.add_argument("--policy-id", required=True, help="the sample policy's id")
    args, rest = parser.parse_known_args()
    CHECK, PROBE, POLICY_ID = args.check, args.gtest, args.policy_id
    unittest.main(argv=[sys.argv[0], *rest])


if __name__ == "__main__":
    main()
