"""Unit tests of run_case.py's parsing and checking logic (no cmake needed).

    python3 -m unittest discover -s tests/driver -v

The ctest outputs below were captured from ctest 3.25.1 and 4.3.1 (the
formats are the same on both).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_case  # noqa: E402

# A run of every status: fixture dependency, DISABLED, SKIP_RETURN_CODE,
# TIMEOUT, missing executable, a segfault, SKIP/FAIL/PASS_REGULAR_EXPRESSION
# (whose reason spans lines), WILL_FAIL, names with spaces and dots.
CTEST_RUN = """\
Test project /tmp/ctf/b
      Start  1: pass
 1/16 Test  #1: pass .............................   Passed    0.00 sec
      Start  2: fail
 2/16 Test  #2: fail .............................***Failed    0.00 sec
      Start  3: setup
 3/16 Test  #3: setup ............................***Failed    0.00 sec
      Start  4: dep
Failed test dependencies: setup
 4/16 Test  #4: dep ..............................***Not Run   0.00 sec
      Start  5: dis
 5/16 Test  #5: dis ..............................***Not Run (Disabled)   0.00 sec
      Start  6: skip
 6/16 Test  #6: skip .............................***Skipped   0.00 sec
      Start  7: to
 7/16 Test  #7: to ...............................***Timeout   1.01 sec
      Start  8: nocmd
Could not find executable /nonexistent/x
Looked in the following places:
/nonexistent/x
 8/16 Test  #8: nocmd ............................***Not Run   0.00 sec
      Start  9: segv
 9/16 Test  #9: segv .............................***Exception: SegFault  0.00 sec
      Start 10: skipregex
10/16 Test #10: skipregex ........................***Skipped   0.00 sec
      Start 11: a name with spaces
11/16 Test #11: a name with spaces ...............   Passed    0.00 sec
      Start 12: failregex
12/16 Test #12: failregex ........................***Failed  Error regular expression found in output. Regex=[BAD]  0.00 sec
      Start 13: willfail
13/16 Test #13: willfail .........................***Failed    0.00 sec
      Start 14: a_really_long_test_name_that_exceeds_the_dot_padding_width_for_sure
14/16 Test #14: a_really_long_test_name_that_exceeds_the_dot_padding_width_for_sure ...   Passed    0.00 sec
      Start 15: dots...in  name
15/16 Test #15: dots...in  name .......................................................   Passed    0.00 sec
      Start 16: preq
16/16 Test #16: preq .............................***Failed  Required regular expression not found. Regex=[foo
bar
]  0.00 sec

33% tests passed, 8 tests failed out of 12

The following tests did not run:
\t  5 - dis (Disabled)
\t  6 - skip (Skipped)
\t 10 - skipregex (Skipped)

The following tests FAILED:
\t  2 - fail (Failed)
\t  3 - setup (Failed)
\t  4 - dep (Not Run)
\t  7 - to (Timeout)
\t  8 - nocmd (Not Run)
\t  9 - segv (SEGFAULT)
\t 12 - failregex (Failed)
\t 13 - willfail (Failed)
\t 16 - preq (Failed)
Errors while running CTest
"""

CTEST_LIST = """\
Test project /tmp/ctf/b
  Test  #1: pass
  Test  #5: dis (Disabled)
Could not find executable /nonexistent/x
Looked in the following places:
/nonexistent/x
  Test  #8: nocmd
  Test #11: a name with spaces

Total Tests: 4
"""

# ctest -V: a test's own output is prefixed with "<number>: ", so a test
# printing a result-like line cannot fake a status.
CTEST_VERBOSE = """\
test 3
    Start 3: fake

3: Test command: /usr/bin/printf " 9/9 Test  #9: ghost ......   Passed    0.00 sec\\n"
3: Working Directory: /tmp/ctf2/b
3: Test timeout computed to be: 10000000
3:  9/9 Test  #9: ghost ......   Passed    0.00 sec
1/1 Test #3: fake .............................   Passed    0.00 sec
"""

SHOW_ONLY_JSON = {
    "kind": "ctestInfo",
    "version": {"major": 1, "minor": 0},
    "tests": [
        {"name": "setup", "command": ["/usr/bin/false"],
         "properties": [{"name": "FIXTURES_SETUP", "value": ["fx"]},
                        {"name": "WORKING_DIRECTORY", "value": "/b"}]},
        {"name": "dep", "command": ["/b/probe", "dep", "--exit", "0"],
         "properties": [{"name": "DEPENDS", "value": ["setup"]},
                        {"name": "ENVIRONMENT",
                         "value": ["ENVIRONMENT=staging", "AZURE_X=1"]},
                        {"name": "FIXTURES_REQUIRED", "value": ["fx"]},
                        {"name": "LABELS", "value": ["staging", "x"]}]},
        {"name": "dis", "command": ["/usr/bin/true"],
         "properties": [{"name": "DISABLED", "value": True},
                        {"name": "LABELS", "value": "single"}]},
        {"name": "nocmd", "properties": []},
    ],
}


class ParseStatuses(unittest.TestCase):
    def test_every_status_of_a_run(self):
        s = run_case.parse_statuses(CTEST_RUN)
        self.assertEqual(s, {
            "pass": "passed", "fail": "failed", "setup": "failed",
            "dep": "notrun", "dis": "disabled", "skip": "skipped",
            "to": "timeout", "nocmd": "notrun", "segv": "failed",
            "skipregex": "skipped", "a name with spaces": "passed",
            "failregex": "failed", "willfail": "failed",
            "a_really_long_test_name_that_exceeds_the_dot_padding_width_for"
            "_sure": "passed",
            "dots...in  name": "passed", "preq": "failed"})

    def test_listing(self):
        s = run_case.parse_statuses(CTEST_LIST)
        self.assertEqual(s, {"pass": "listed", "dis": "listed",
                             "nocmd": "listed",
                             "a name with spaces": "listed"})

    def test_verbose_test_output_cannot_fake_a_result(self):
        self.assertEqual(run_case.parse_statuses(CTEST_VERBOSE),
                         {"fake": "passed"})

    def test_skipped_without_stars(self):
        line = "1/1 Test #1: t ....   Skipped    0.00 sec"
        self.assertEqual(run_case.parse_statuses(line), {"t": "skipped"})

    def test_repeat_last_result_wins(self):
        out = ("1/2 Test #1: t ....***Failed    0.00 sec\n"
               "2/2 Test #1: t ....   Passed    0.00 sec\n")
        self.assertEqual(run_case.parse_statuses(out), {"t": "passed"})

    def test_result_beats_listing(self):
        out = ("  Test #1: t\n"
               "1/1 Test #1: t ....***Failed    0.00 sec\n"
               "  Test #1: t\n")
        self.assertEqual(run_case.parse_statuses(out), {"t": "failed"})

    def test_name_with_space_dot(self):
        out = "1/1 Test #1: a .b ...........   Passed    0.00 sec\n"
        self.assertEqual(run_case.parse_statuses(out), {"a .b": "passed"})

    def test_no_tests(self):
        self.assertEqual(run_case.parse_statuses(
            "Test project /b\nNo tests were found!!!\n"), {})


class CheckStatuses(unittest.TestCase):
    S = {"a": "passed", "b": "failed"}

    def test_ok(self):
        self.assertEqual(run_case.check_statuses(
            self.S, {"a": "passed", "c": "absent"}, None, False), [])

    def test_mismatch_and_absent(self):
        errs = run_case.check_statuses(
            self.S, {"a": "failed", "b": "absent", "z": "passed"}, None,
            False)
        self.assertEqual(errs, [
            "test 'a': expected failed, actual passed",
            "test 'b': expected absent, actual failed",
            "test 'z': expected passed, actual absent"])

    def test_tests_all(self):
        errs = run_case.check_statuses(self.S, {}, "passed", False)
        self.assertEqual(errs, ["tests_all: test 'b' is failed, expected "
                                "passed"])

    def test_tests_only(self):
        self.assertEqual(run_case.check_statuses(
            self.S, {"a": "passed", "b": "failed"}, None, True), [])
        errs = run_case.check_statuses(self.S, {"a": "passed"}, None, True)
        self.assertEqual(errs, ["tests_only: unexpected tests ['b']"])


class ExitCodeAndOutput(unittest.TestCase):
    def test_exit_code(self):
        f = run_case.check_exit_code
        self.assertEqual(f(8, 8), [])
        self.assertEqual(f(0, 8), ["exit code: expected 0, actual 8"])
        self.assertEqual(f("nonzero", 8), [])
        self.assertEqual(f("nonzero", 0),
                         ["exit code: expected non-zero, actual 0"])
        self.assertEqual(f("any", 3), [])
        self.assertEqual(len(f("any", None)), 1)  # timed out

    def test_output_regexes_are_multiline(self):
        out = "first\nTests must run against STAGING\nlast\n"
        self.assertEqual(run_case.check_output(
            out, ["^Tests must run", "^last$"], ["^STAGING"]), [])
        errs = run_case.check_output(out, ["^nope$"], ["^last$"])
        self.assertEqual(errs, [
            "output_matches: '^nope$' does not match the output",
            "output_not_matches: '^last$' matches the output at line 3: "
            "'last'"])


    def test_cmake_wrapped_messages(self):
        out = ("CMake Error at x.cmake:20 (message):\n"
               "  staging_tests_configure(): AZURE_KEY_VAULT \"a_b\" is not"
               " a Key\n"
               "  Vault name.\n"
               "\n"
               "  A vault name has 3 to 24 letters.\n"
               "Call Stack (most recent call first):\n"
               "    /x/StagingTests.cmake:264 (_staging_check_vault)\n")
        self.assertEqual(run_case.check_output(
            out, [r"is not a Key Vault name\.$", r"^  Vault name\.$",
                  r"^Call Stack"], [r"name\. A vault", "Call Stack.*/x"]),
            [])
        errs = run_case.check_output(out, [], [r"a Key Vault"])
        self.assertEqual(len(errs), 1)
        self.assertIn("once CMake's line wrapping is undone", errs[0])


class Json(unittest.TestCase):
    def setUp(self):
        self.tests = run_case.parse_show_only_json(json.dumps(SHOW_ONLY_JSON))

    def test_parse(self):
        self.assertEqual([t.name for t in self.tests],
                         ["setup", "dep", "dis", "nocmd"])
        dep = self.tests[1]
        self.assertEqual(dep.prop_list("LABELS"), ["staging", "x"])
        self.assertEqual(dep.command_line, "/b/probe dep --exit 0")
        # a list property given as a scalar is still a list
        self.assertEqual(self.tests[2].prop_list("LABELS"), ["single"])
        self.assertEqual(self.tests[3].command_line, "")

    def test_not_json(self):
        with self.assertRaises(ValueError):
            run_case.parse_show_only_json("CMake Error: x")
        with self.assertRaises(ValueError):
            run_case.parse_show_only_json("[]")

    def test_checks_pass(self):
        spec = {
            "tests": {
                "dep": {"labels": ["x", "staging"],
                        "labels_include": ["staging"],
                        "labels_exclude": ["prod"],
                        "fixtures_required_include": ["fx"],
                        "environment_include": ["ENVIRONMENT=staging",
                                                "AZURE_X"],
                        "environment_not_include": ["ENVIRONMENT=prod",
                                                    "AZURE_AI_KEY"],
                        "command_matches": r"/probe dep\b",
                        "properties": {"DEPENDS": ["setup"]},
                        "properties_absent": ["TIMEOUT"]},
                "setup": {"fixtures_setup_include": ["fx"]},
                "dis": {"properties": {"DISABLED": True}},
                "ghost": {"absent": True},
            },
            "count": 4,
        }
        self.assertEqual(run_case.check_json(self.tests, spec), [])

    def test_checks_fail(self):
        spec = {
            "tests": {
                "dep": {"labels": ["staging"],
                        "environment_include": ["ENVIRONMENT=production"],
                        "environment_not_include": ["AZURE_X"],
                        "command_matches": "^nope"},
                "setup": {"labels_include": ["staging"],
                          "properties": {"TIMEOUT": 5}},
                "ghost": {"labels_include": ["staging"]},
                "dis": {"absent": True},
            },
            "all_tests": {"fixtures_required_include": ["fx"]},
            "count": 2,
        }
        errs = run_case.check_json(self.tests, spec)
        text = "\n".join(errs)
        self.assertIn("expected 2 tests, found 4", text)
        self.assertIn("test 'dep': LABELS should be ['staging']", text)
        self.assertIn("ENVIRONMENT should include 'ENVIRONMENT=production'",
                      text)
        self.assertIn("ENVIRONMENT should not include 'AZURE_X'", text)
        self.assertIn("command should match '^nope'", text)
        self.assertIn("test 'setup': LABELS should include 'staging'", text)
        self.assertIn("property TIMEOUT should be 5; it is not set", text)
        self.assertIn("test 'ghost' is not listed", text)
        self.assertIn("test 'dis' should be absent", text)
        self.assertIn("json (all_tests): test 'nocmd': FIXTURES_REQUIRED",
                      text)
        self.assertEqual(len(errs), 12)


class Environment(unittest.TestCase):
    BASE = {"PATH": "/bin", "HOME": "/root", "ENVIRONMENT": "production",
            "AZURE_AI_KEY": "secret", "STAGING_TESTS_MODE": "x",
            "CTEST_PARALLEL_LEVEL": "4", "CTEST_OUTPUT_ON_FAILURE": "1",
            "CMAKE_GENERATOR": "Xcode", "CMAKE_BUILD_PARALLEL_LEVEL": "2",
            "GTEST_FILTER": "x", "MAKEFLAGS": "-j", "LC_ALL": "de_DE",
            "ENVIRONMENT_NAME": "kept"}

    def test_clean(self):
        env = run_case.clean_environment(self.BASE)
        self.assertEqual(env, {"PATH": "/bin", "HOME": "/root",
                               "CMAKE_BUILD_PARALLEL_LEVEL": "2",
                               "ENVIRONMENT_NAME": "kept",
                               "CTEST_OUTPUT_ON_FAILURE": "0",
                               "LC_ALL": "C.UTF-8"})

    def test_step_overrides(self):
        env = run_case.step_environment(
            self.BASE, {"ENVIRONMENT": "staging", "HOME": None,
                        "AZURE_AI_KEY": "k", "N": 3})
        self.assertEqual(env["ENVIRONMENT"], "staging")
        self.assertEqual(env["AZURE_AI_KEY"], "k")
        self.assertEqual(env["N"], "3")
        self.assertNotIn("HOME", env)

    def test_base_is_not_modified(self):
        base = dict(self.BASE)
        run_case.step_environment(base, {"PATH": None})
        self.assertEqual(base, self.BASE)


class Helpers(unittest.TestCase):
    def test_substitute(self):
        values = {"BUILD_DIR": "/w/b+1"}
        self.assertEqual(run_case.substitute("@BUILD_DIR@/sub @NOPE@",
                                             values), "/w/b+1/sub @NOPE@")
        self.assertEqual(run_case.substitute("^@BUILD_DIR@$", values,
                                             escape=True), r"^/w/b\+1$")

    def test_tail(self):
        text = "\n".join(str(i) for i in range(1, 251))
        out = run_case.tail(text)
        self.assertTrue(out.startswith("[... 50 earlier lines left out"))
        self.assertTrue(out.endswith("\n250"))
        self.assertEqual(len(out.splitlines()), 201)
        self.assertEqual(run_case.tail("a\nb"), "a\nb")

    def test_format_command(self):
        self.assertEqual(
            run_case.format_command(["ctest", "-L", "^staging$"],
                                    Path("/b"), {"ENVIRONMENT": "uat",
                                                 "X": None}),
            "cd /b && env ENVIRONMENT=uat -u X ctest -L '^staging$'")
        self.assertEqual(run_case.format_command(["ctest"], Path("/b"), {}),
                         "cd /b && ctest")


class RunCommand(unittest.TestCase):
    def test_streams_and_interleaving(self):
        code = ("import sys\n"
                "print('out1', flush=True)\n"
                "print('err1', file=sys.stderr, flush=True)\n"
                "import time; time.sleep(0.05)\n"
                "print('out2', flush=True)\n"
                "sys.exit(3)\n")
        r = run_case.run_command([sys.executable, "-c", code],
                                 dict(os.environ), Path.cwd(), 30)
        self.assertEqual(r.code, 3)
        self.assertEqual(r.stdout, "out1\nout2\n")
        self.assertEqual(r.stderr, "err1\n")
        self.assertEqual(r.combined.splitlines()[-1], "out2")
        self.assertEqual(sorted(r.combined.splitlines()),
                         ["err1", "out1", "out2"])

    def test_timeout_kills(self):
        r = run_case.run_command(
            [sys.executable, "-c", "import time; time.sleep(60)"],
            dict(os.environ), Path.cwd(), 0.5)
        self.assertTrue(r.timed_out)
        self.assertIsNone(r.code)
        self.assertLess(r.seconds, 20)

    def test_missing_program(self):
        r = run_case.run_command(["/nonexistent/ctest"], {}, Path.cwd(), 5)
        self.assertEqual(r.code, 127)
        self.assertIn("cannot start", r.combined)


GOOD_CASE = {
    "description": "d",
    "labels": ["core"],
    "configure": {"args": ["-DX=1"], "env": {"ENVIRONMENT": None},
                  "output_matches": ["x"], "_comment": "ignored"},
    "build": {"env": {"ENVIRONMENT": "production"}},
    "runs": [{
        "name": "n", "args": ["-L", "^staging$"], "env": {"A": "1"},
        "test_dir": "sub", "exit_code": "nonzero",
        "tests": {"t": "notrun", "u": "absent"}, "tests_all": "listed",
        "tests_only": True, "output_matches": ["^a$"],
        "output_not_matches": ["b"], "stdout_is_json": False,
        "markers_exist": ["t"], "markers_absent": ["u"], "timeout": 30,
        "parallel": [{"args": ["-j2"]}, {"test_dir": "sub2"}],
        "json": {"args": ["-L", "x"], "count": 1,
                 "tests": {"t": {"labels": ["staging"],
                                 "command_matches": "probe",
                                 "properties": {"DISABLED": True}},
                           "u": {"absent": True}},
                 "all_tests": {"labels_include": ["staging"]},
                 "output_not_matches": ["secret"]},
    }],
}


class Validate(unittest.TestCase):
    def errors(self, case):
        try:
            run_case.validate_case(case)
        except run_case.CaseError as e:
            return str(e).splitlines()
        return []

    def test_good(self):
        self.assertEqual(self.errors(GOOD_CASE), [])
        self.assertEqual(self.errors({"description": "minimal"}), [])

    def test_configure_failure_has_no_runs(self):
        case = {"description": "d", "configure": {"result": "failure"},
                "runs": [{}]}
        self.assertEqual(self.errors(case), [
            "runs: a case whose configure must fail has no runs"])

    def test_bad(self):
        case = {"labels": "core", "configure": {"reslt": "failure"},
                "build": 1,
                "runs": [{"tests": {"x": "pass"}, "exit_code": "8",
                          "output_matches": ["("], "env": {"A": []},
                          "markers_exist": ["a/b"], "parallel": [{}],
                          "json": {"tests": {"t": {"label": []}}}},
                         "not an object"],
                "extra": 1}
        errs = "\n".join(self.errors(case))
        for needle in ("unknown key 'extra'", "description: required",
                       "labels: must be a list",
                       "configure: unknown key 'reslt'",
                       "build: must be true, false or an object",
                       "runs[0].tests['x']: unknown status 'pass'",
                       "runs[0].exit_code: must be an integer",
                       "runs[0].output_matches: bad regex '('",
                       "runs[0].env: A: value must be a string or null",
                       "runs[0].markers_exist: bad marker name 'a/b'",
                       "runs[0].parallel: must be a list of at least two",
                       "runs[0].json.tests['t']: unknown key 'label'",
                       "runs[1]: must be an object"):
            self.assertIn(needle, errs)

    def test_every_case_in_the_repository_is_valid(self):
        cases = Path(__file__).resolve().parent.parent / "cases"
        found = sorted(cases.glob("*/case.json"))
        self.assertTrue(found, f"no case.json under {cases}")
        for path in found:
            with self.subTest(case=path.parent.name):
                run_case.load_case(path.parent)

    def test_load_case_reports_bad_json(self):
        with tempfile.TemporaryDirectory() as d:
            Path(d, "case.json").write_text("{,}")
            with self.assertRaises(run_case.CaseError) as cm:
                run_case.load_case(Path(d))
            self.assertIn("not valid JSON", str(cm.exception))


class Canary(unittest.TestCase):
    """The leak checks must catch a leak, in output and in files."""

    VALUE = "canary-7f3a9c1e5b"

    def driver(self, work: Path) -> run_case.Driver:
        driver = run_case.Driver(case_dir=work / "case", work=work, cmake="cmake",
                                 ctest="ctest", generator="Ninja", toolkit=work,
                                 config=None)
        driver.canary = {"value": self.VALUE, "names": ["AZURE_AI_KEY", "X_TOKEN"]}
        return driver

    def test_schema(self):
        errors = Validate().errors
        self.assertEqual(errors({"description": "d", "canary": {
            "value": self.VALUE, "names": ["AZURE_AI_KEY"]}}), [])
        errs = "\n".join(errors({"description": "d", "canary": {
            "value": "short", "names": [], "extra": 1}}))
        for needle in ("canary.value: required", "canary.names: required",
                       "canary: unknown key 'extra'"):
            self.assertIn(needle, errs)

    def test_every_step_gets_the_canary_and_output_is_checked(self):
        with tempfile.TemporaryDirectory() as d:
            driver = self.driver(Path(d))
            quiet = driver.execute([sys.executable, "-c",
                                    "import os; print(len(os.environ['X_TOKEN']))"],
                                   {}, Path(d), 30)
            self.assertEqual(quiet.stdout.strip(), str(len(self.VALUE)))
            with self.assertRaises(run_case.StepFailed):
                driver.execute([sys.executable, "-c",
                                "import os; print(os.environ['AZURE_AI_KEY'])"],
                               {}, Path(d), 30)

    def test_a_step_may_override_a_canary_name(self):
        with tempfile.TemporaryDirectory() as d:
            result = self.driver(Path(d)).execute(
                [sys.executable, "-c", "import os; print(os.environ.get('X_TOKEN'))"],
                {"X_TOKEN": None}, Path(d), 30)
            self.assertEqual(result.stdout.strip(), "None")

    def test_the_scan_finds_a_planted_file_and_names_it(self):
        with tempfile.TemporaryDirectory() as d:
            work = Path(d)
            driver = self.driver(work)
            (work / "build" / "Testing").mkdir(parents=True)
            (work / "build" / "clean.txt").write_text("nothing here")
            driver.scan_for_canary()  # no leak: passes
            (work / "build" / "Testing" / "Test.xml").write_bytes(
                b"<x>\xff" + self.VALUE.encode() + b"</x>")
            with self.assertRaises(run_case.StepFailed):
                driver.scan_for_canary()

    def test_the_driver_never_prints_the_value(self):
        with tempfile.TemporaryDirectory() as d:
            driver = self.driver(Path(d))
            self.assertEqual(driver.mask(f"AZURE_AI_KEY={self.VALUE}"),
                             "AZURE_AI_KEY=<CANARY>")


if __name__ == "__main__":
    unittest.main()
