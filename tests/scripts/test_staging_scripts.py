"""Unit tests of the StagingTests ctest scripts (templates/scripts), on
synthetic `ctest --show-only=json-v1` listings: no cmake, no ctest."""

import json
import os
import pathlib
import sys
import tempfile
import time
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "templates" / "scripts"))

import staging_suite_audit as audit  # noqa: E402
import staging_audit_cache as cache  # noqa: E402
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



class AuditCacheKey(unittest.TestCase):
    """The suite audit's cache (staging_audit_cache.py) on a synthetic build
    tree: which files the key covers, and that any change to them, or to the
    other inputs, changes it."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.directory.name)
        self.build = self.root / "build"
        self.ctest = self.root / "prefix" / "bin" / "ctest"
        self.module = (self.root / "prefix" / "share" / "cmake-9.9" / "Modules"
                       / "GoogleTestAddTests.cmake")
        self.policy = self.build / "StagingTests" / "policy.json"
        self.files = {
            self.ctest: "not a real ctest\n",
            # CMake's own module: tracked, never read (it runs commands).
            self.module: "execute_process(COMMAND x)\n",
            self.policy: json.dumps(POLICY),
            # The guard reads the environment and runs the check: trusted.
            self.build / "StagingTests" / "staging_guard.cmake":
                'execute_process(COMMAND "${_staging_program}")\n'
                'if(EXISTS "${_staging_candidate}")\nendif()\n'
                'if("$ENV{ENVIRONMENT}" STREQUAL "")\nendif()\n',
            self.build / "CTestTestfile.cmake":
                f'include("{self.build}/StagingTests/staging_guard.cmake")\n'
                f'include("{self.build}/t[1]_include.cmake")\n'
                f'INCLUDE([==[{self.root}/hand.cmake]==] OPTIONAL)\n'
                'add_test([=[a]=] "/bin/true")\n'
                'set_tests_properties([=[a]=] PROPERTIES LABELS "staging")\n'
                'subdirs("sub")\n',
            self.build / "sub" / "CTestTestfile.cmake": 'add_test(b "/bin/true")\n',
            self.build / "t[1]_include.cmake":
                f'if(EXISTS "{self.build}/bin/t")\n'
                f'  if(NOT "{self.build}/t[1]_tests.cmake"\n'
                '      IS_NEWER_THAN "${CMAKE_CURRENT_LIST_FILE}")\n'
                f'    include("{self.module}")\n'
                '  endif()\n'
                f'  include("{self.build}/t[1]_tests-${{CTEST_CONFIGURATION_TYPE}}.cmake")\n'
                'endif()\n',
            self.build / "t[1]_tests-Debug.cmake": 'add_test(c "/bin/true")\n',
            self.root / "hand.cmake": "# hand-written, adds nothing\n",
        }
        for path, text in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        # Files this young would never be kept in a key (the racy-write rule,
        # tested on its own below).
        self.racy = cache._RACY_NS, cache._RACY_COARSE_NS
        cache._RACY_NS = cache._RACY_COARSE_NS = 0

    def tearDown(self):
        cache._RACY_NS, cache._RACY_COARSE_NS = self.racy
        self.directory.cleanup()

    def key(self, config="Debug"):
        files = cache.tracked_files(str(self.ctest), str(self.build), config)
        return cache.digest(str(self.ctest), str(self.build), config, str(self.policy), files)

    def snapshot(self, config="Debug"):
        return cache.Snapshot(str(self.ctest), str(self.build), config, str(self.policy))

    def cached(self, config="Debug"):
        return cache.cached_audit(str(self.ctest), str(self.build), config, str(self.policy))

    def edit_in_place(self, path, old, new):
        """Same size, mtime put back: only the ctime tells."""
        self.assertEqual(len(old), len(new))
        before = os.stat(path)
        time.sleep(0.02)  # past one timestamp tick
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        self.assertEqual(os.stat(path).st_size, before.st_size)

    def test_every_file_that_decides_the_listing_is_tracked(self):
        tracked = cache.tracked_files(str(self.ctest), str(self.build), "Debug")
        self.assertEqual(len(tracked), len(set(tracked)))
        self.assertEqual(set(tracked), {
            self.build / "CTestTestfile.cmake",
            self.build / "CTestCustom.cmake",  # absent: tracked as absent
            self.build / "StagingTests" / "staging_guard.cmake",
            self.build / "t[1]_include.cmake",
            self.root / "hand.cmake",
            self.build / "sub" / "CTestTestfile.cmake",
            self.build / "bin" / "t",
            self.build / "t[1]_tests.cmake",
            self.module,
            self.build / "t[1]_tests-Debug.cmake",
        })

    def test_any_change_of_a_tracked_file_changes_the_key(self):
        first = self.key()
        self.assertEqual(self.key(), first)
        for path, old, new in (
                (self.build / "sub" / "CTestTestfile.cmake", "true", "fals"),
                (self.root / "hand.cmake", "# hand", "  hand"),
                (self.build / "t[1]_tests-Debug.cmake", "c", "d"),
                (self.module, "x)", "y)")):
            with self.subTest(path=path.name):
                before = self.key()
                self.edit_in_place(path, old, new)
                self.assertNotEqual(self.key(), before)
        before = self.key()
        (self.build / "CTestCustom.cmake").write_text("set(CTEST_CUSTOM_TESTS_IGNORE a)\n")
        self.assertNotEqual(self.key(), before)
        before = self.key()
        (self.build / "bin").mkdir()
        (self.build / "bin" / "t").write_text("built\n")
        self.assertNotEqual(self.key(), before)

    def test_the_other_inputs_are_in_the_key(self):
        first = self.key()
        self.assertNotEqual(self.key(config="Release"), first)
        self.edit_in_place(self.policy, '"staging"', '"stagin_"')
        self.assertNotEqual(self.key(), first)
        second = self.key()
        self.edit_in_place(self.ctest, "real", "fake")
        self.assertNotEqual(self.key(), second)

    def test_a_passing_verdict_is_reused_until_a_file_changes(self):
        self.assertIsNone(self.cached())
        snapshot = self.snapshot()
        self.assertIsNone(snapshot.reason)
        self.assertIsNone(snapshot.save(7))
        record = self.cached()
        self.assertEqual(record["tests"], 7)
        self.assertIsNone(self.cached(config="Release"))
        self.edit_in_place(self.build / "CTestTestfile.cmake", '"staging"', '"stagin_"')
        self.assertIsNone(self.cached())

    def test_a_new_audit_forgets_the_last_verdict(self):
        self.snapshot().save(1)
        self.assertIsNotNone(self.cached())
        self.snapshot()  # an audit that then fails saves nothing
        self.assertIsNone(self.cached())

    def test_a_file_changed_while_listing_is_not_kept(self):
        snapshot = self.snapshot()
        self.edit_in_place(self.root / "hand.cmake", "# hand", "  hand")
        self.assertEqual(snapshot.save(1), "a file changed while the suite was listed")
        self.assertIsNone(self.cached())

    def test_a_young_file_is_not_kept(self):
        cache._RACY_NS, cache._RACY_COARSE_NS = self.racy
        (self.root / "hand.cmake").write_text("# just written\n")
        reason = self.snapshot().save(1)
        self.assertRegex(reason, r"changed too recently to be told from a later change")
        self.assertIsNone(self.cached())

    def test_what_makes_a_suite_uncacheable(self):
        for text, why in (
                ('if("$ENV{SMUGGLE}")\n  add_test(s x)\nendif()\n', r"uses ENV\{"),
                ('if(DEFINED ENV{SMUGGLE})\n  add_test(s x)\nendif()\n', r"uses ENV\{"),
                ("find_program(x y)\n", r"uses find_program\(\)"),
                ("execute_process(COMMAND date)\n", r"uses execute_process\(\)"),
                ('File(READ "/x" y)\n', r"uses file\(\)"),
                ('string(TIMESTAMP now)\n', r"uses string\(\)"),
                ("include(${more})\n", r"computed path \(\$\{more\}\)"),
                ("include(CTest)\n", r"includes a module by name"),
                ('if(EXISTS "${x}")\nendif()\n', "computed path"),
                ('subdirs("a\\;b")\n', "escape"),
                ("include(\n", "cannot read")):
            with self.subTest(text=text):
                (self.root / "hand.cmake").write_text(text)
                snapshot = self.snapshot()
                self.assertRegex(snapshot.reason, r"hand\.cmake .*" + why)
                self.assertEqual(snapshot.save(1), snapshot.reason)
                self.assertIsNone(self.cached())

    def test_arguments_are_read_as_cmake_reads_them(self):
        path = self.root / "x.cmake"
        found = cache.references(
            'include("/a b/c\\"d.cmake")\ninclude(/e/f.cmake)\n'
            'subdirs(g [=[h i]=] "j")\n'
            'if(EXISTS [[/k]] AND "/l" IS_NEWER_THAN "${CMAKE_CURRENT_LIST_DIR}/m")\n',
            path, "")
        self.assertEqual(found, [
            ("include", pathlib.Path('/a b/c"d.cmake')),
            ("include", pathlib.Path("/e/f.cmake")),
            ("subdirs", self.root / "g"), ("subdirs", self.root / "h i"),
            ("subdirs", self.root / "j"),
            ("stat", pathlib.Path("/k")), ("stat", pathlib.Path("/l")),
            ("stat", self.root / "m")])

if __name__ == "__main__":
    unittest.main()
