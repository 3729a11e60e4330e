"""Unit tests of the StagingTests ctest scripts (templates/scripts), on
synthetic `ctest --show-only=json-v1` listings: no cmake, no ctest."""

import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "templates" / "scripts"))

import staging_suite_audit as audit  # noqa: E402
from staging_common import same_environment  # noqa: E402

POLICY = {
    "enforced": "staging", "label": "staging", "fixture": "staging_session",
    "own": ["staging_session", "staging_suite_audit", "staging_checklist"],
    "forced": ["ENVIRONMENT=staging", "AZURE_KEY_VAULT_NAME=engram-staging-vault",
               "ODD=a;b=c"],
}
FORCED = ["ENVIRONMENT=staging", "AZURE_KEY_VAULT_NAME=engram-staging-vault", "ODD=a;b=c"]


def test(name, labels=("staging",), fixtures=("staging_session",), environment=FORCED, **more):
    properties = [{"name": "LABELS", "value": list(labels)},
                  {"name": "FIXTURES_REQUIRED", "value": list(fixtures)},
                  {"name": "ENVIRONMENT", "value": list(environment)}]
    properties += [{"name": key, "value": value} for key, value in more.items()]
    return {"name": name, "properties": properties}


def own():
    return [{"name": name, "properties": [{"name": "LABELS", "value": ["staging"]}]}
            for name in POLICY["own"]]


class SuiteAudit(unittest.TestCase):
    def test_a_clean_suite_has_no_problem(self):
        self.assertEqual(audit.audit(own() + [test("a"), test("b")], POLICY), [])

    def test_each_missing_property_is_named(self):
        problems = audit.audit(own() + [test("bare", labels=(), fixtures=(), environment=())],
                               POLICY)
        self.assertIn("test 'bare' lacks the label 'staging'", problems)
        self.assertIn("test 'bare' does not require the fixture 'staging_session'", problems)
        self.assertIn("test 'bare' does not set ENVIRONMENT (required 'staging')", problems)
        self.assertIn("test 'bare' does not set ODD (required 'a;b=c')", problems)

    def test_the_last_environment_entry_wins(self):
        edited = test("edited", environment=FORCED + ["ENVIRONMENT=production"])
        self.assertEqual(audit.audit(own() + [edited], POLICY),
                         ["test 'edited' sets ENVIRONMENT to 'production', required 'staging'"])
        restored = test("restored", environment=["ENVIRONMENT=prod"] + FORCED)
        self.assertEqual(audit.audit(own() + [restored], POLICY), [])

    def test_environment_follows_the_one_rule_and_others_are_exact(self):
        self.assertEqual(audit.audit(own() + [test("t", environment=FORCED + [
            "ENVIRONMENT= STAGING "])], POLICY), [])
        self.assertEqual(audit.audit(own() + [test("t", environment=FORCED + [
            "AZURE_KEY_VAULT_NAME=Engram-staging-vault"])], POLICY),
            ["test 't' sets AZURE_KEY_VAULT_NAME to 'Engram-staging-vault', "
             "required 'engram-staging-vault'"])

    def test_an_environment_modification_of_a_forced_variable(self):
        problems = audit.audit(own() + [test("m", ENVIRONMENT_MODIFICATION=[
            "ENVIRONMENT=set:prod", "OTHER=set:1"])], POLICY)
        self.assertEqual(problems, ["test 'm' changes ENVIRONMENT with "
                                    "ENVIRONMENT_MODIFICATION 'ENVIRONMENT=set:prod'"])

    def test_a_pass_pattern_needs_the_refusal_pattern(self):
        refusal = "StagingTests: test '.*' refused"
        tests = own() + [
            test("plain"),
            test("own_fail_only", FAIL_REGULAR_EXPRESSION=["boom"]),
            test("guarded", PASS_REGULAR_EXPRESSION=["ok"],
                 FAIL_REGULAR_EXPRESSION=[refusal, "boom"]),
            test("bare_pass", PASS_REGULAR_EXPRESSION=["ok"]),
            test("other_fail", PASS_REGULAR_EXPRESSION=["ok"], FAIL_REGULAR_EXPRESSION=["boom"]),
            test("empty_pass", PASS_REGULAR_EXPRESSION=[]),
        ]
        self.assertEqual(audit.audit(tests, POLICY), [
            f"test '{name}' has a PASS_REGULAR_EXPRESSION but not the "
            f"FAIL_REGULAR_EXPRESSION \"{refusal}\": a refused check would pass"
            for name in ("bare_pass", "other_fail")])

    def test_a_disabled_or_skippable_session_is_a_problem(self):
        tests = own() + [test("a")]
        tests[0]["properties"].append({"name": "DISABLED", "value": True})
        tests[1]["properties"].append({"name": "SKIP_RETURN_CODE", "value": 0})
        tests[2]["properties"].append({"name": "SKIP_REGULAR_EXPRESSION", "value": ["x"]})
        problems = audit.audit(tests, POLICY)
        self.assertEqual(len(problems), 3, problems)
        self.assertIn("'staging_session' has DISABLED set", problems[0])

    def test_an_ignored_session_is_missing(self):
        problems = audit.audit(own()[1:] + [test("a")], POLICY)
        self.assertEqual(problems, ["the StagingTests test 'staging_session' is missing from the "
                                    "suite (listed in CTEST_CUSTOM_TESTS_IGNORE?)"])

    def test_the_rule(self):
        self.assertTrue(same_environment(" Staging\n", "staging"))
        self.assertFalse(same_environment("staging-eu", "staging"))
        self.assertFalse(same_environment("", "staging"))


if __name__ == "__main__":
    unittest.main()
