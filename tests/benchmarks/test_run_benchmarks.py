#!/usr/bin/env python3
"""Smoke test of run_benchmarks.py's statistics, table and JSON code (no cmake).

    python3 -m unittest tests/benchmarks/test_run_benchmarks.py
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_benchmarks as rb  # noqa: E402


class Statistics(unittest.TestCase):
    def test_summarize_odd(self):
        s = rb.summarize([3.0, 1.0, 2.0, 10.0, 4.0])
        self.assertEqual(s["n"], 5)
        self.assertEqual(s["median"], 3.0)
        self.assertEqual((s["min"], s["max"]), (1.0, 10.0))
        self.assertEqual((s["q1"], s["q3"]), (2.0, 4.0))

    def test_summarize_even_and_single(self):
        self.assertEqual(rb.summarize([1.0, 2.0, 3.0, 4.0])["median"], 2.5)
        single = rb.summarize([0.5])
        self.assertEqual((single["median"], single["q1"], single["q3"]), (0.5, 0.5, 0.5))

    def test_summarize_empty(self):
        with self.assertRaises(ValueError):
            rb.summarize([])

    def test_ratio_and_pairs(self):
        self.assertAlmostEqual(rb.ratio(3.0, 2.0), 1.5)
        with self.assertRaises(ValueError):
            rb.ratio(1.0, 0.0)
        self.assertEqual(rb.paired_ratios([2.0, 3.0], [1.0, 2.0]), [2.0, 1.5])
        with self.assertRaises(ValueError):
            rb.paired_ratios([1.0], [1.0, 2.0])

    def test_compare_is_a_ratio_of_medians(self):
        c = rb.compare([1.2, 1.1, 5.0], [1.0, 1.0, 1.0], 1.15)
        self.assertAlmostEqual(c["ratio"], 1.2)  # median 1.2; the outlier does not count
        self.assertFalse(c["met"])
        self.assertAlmostEqual(c["paired"]["max"], 5.0)
        self.assertTrue(rb.compare([1.0], [1.0], 1.0)["met"])
        self.assertIsNone(rb.compare([1.0], [1.0], None)["met"])


class Selection(unittest.TestCase):
    def test_fixture_tests(self):
        listing = {"tests": [
            {"name": "staging_session",
             "properties": [{"name": "FIXTURES_SETUP", "value": ["staging_session"]}]},
            {"name": "extra_setup", "properties": [{"name": "FIXTURES_SETUP", "value": "staging_session"}]},
            {"name": "checklist",
             "properties": [{"name": "FIXTURES_CLEANUP", "value": ["staging_session"]}]},
            {"name": "t1", "properties": [{"name": "FIXTURES_REQUIRED", "value": ["staging_session"]}]},
            {"name": "other", "properties": [{"name": "FIXTURES_SETUP", "value": ["other"]}]},
        ]}
        self.assertEqual(rb.fixture_tests(listing, "staging_session"),
                         ["staging_session", "extra_setup", "checklist"])

    def test_junit_times(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "j.xml"
            path.write_text('<testsuite><testcase name="a" time="0.25"/>'
                            '<testcase name="b" time="1.5"/></testsuite>')
            self.assertEqual(rb.junit_times(path), {"a": 0.25, "b": 1.5})

    def test_measure_alternating_reverses_every_other_round(self):
        order = []

        def variant(name):
            def once():
                order.append(name)
                return rb.Sample(1.0)
            return once

        samples = rb.measure_alternating({"a": variant("a"), "b": variant("b")}, 3, 1)
        self.assertEqual(order, ["a", "b", "a", "b", "b", "a", "a", "b"])
        self.assertEqual([len(samples["a"]), len(samples["b"])], [3, 3])


def sample_report():
    rows = [
        {"id": "1", "title": "ctest run",
         "comparison": rb.compare([1.1, 1.2, 1.3], [1.0, 1.0, 1.1], 1.15)},
        {"id": "1 floor", "title": "floor",
         "comparison": rb.compare([0.0051, 0.0052], [0.005, 0.005], None)},
        {"id": "4 instr", "title": "instructions", "unit": "instructions",
         "comparison": rb.compare([250e6], [150e6], None)},
    ]
    return [{"id": "1", "title": "bench", "rows": rows,
             "parts": {"staging": {"ctest -N": rb.summarize([0.5, 0.6])}},
             "max_rss_kib": {"staging": 20480},
             "diagnostics": {"per-test times (s)": {"staging_session": 0.01, "n": 3}}}]


class Output(unittest.TestCase):
    def test_table(self):
        table = rb.format_table(rb.all_rows(sample_report()))
        lines = table.splitlines()
        self.assertEqual(len(lines), 5)  # header, rule, three rows
        self.assertTrue(all(line.startswith("|") and line.endswith("|") for line in lines))
        self.assertEqual(len({line.count("|") for line in lines}), 1)
        self.assertIn("| 1 | ctest run | 1.20 s [1.10 s–1.30 s] | 1.00 s [1.00 s–1.10 s] "
                      "| **1.20×** |", table)
        self.assertIn("≤ 1.15× | **NO** |", table)
        self.assertIn("5.2 ms [5.1 ms–5.2 ms]", table)
        self.assertIn("| — | (info) |", table)
        self.assertIn("| 250.0 M | 150.0 M | **1.67×** |", table)

    def test_details(self):
        details = rb.format_details(sample_report())
        self.assertIn("ctest -N", details)
        self.assertIn("20.0 MiB", details)
        self.assertIn("staging_session: 0.010", details)

    def test_seconds(self):
        self.assertEqual(rb.format_seconds(2.345), "2.35 s")
        self.assertEqual(rb.format_seconds(0.25), "250 ms")
        self.assertEqual(rb.format_seconds(0.0042), "4.2 ms")

    def test_json_round_trip(self):
        report = {"cmake": "3.25.1", "benchmarks": sample_report()}
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "sub" / "results.json"
            rb.write_json(path, report)
            loaded = json.loads(path.read_text(encoding="utf-8"))
        self.assertEqual(loaded["benchmarks"][0]["rows"][0]["comparison"]["ratio"],
                         report["benchmarks"][0]["rows"][0]["comparison"]["ratio"])
        self.assertIs(loaded["benchmarks"][0]["rows"][1]["comparison"]["met"], None)


def make_run_directory(build: Path, name: str, session: bool = True, checked: int = 0) -> Path:
    directory = build / "StagingTests" / "runs" / name
    directory.mkdir(parents=True)
    if session:
        (directory / "session.ok").write_text("")
    if checked:
        (directory / "tests.log").write_text("".join(f"ok check t{i}\n" for i in range(checked)))
    return directory


class RunDirectories(unittest.TestCase):
    def test_one_new_directory_with_a_passed_session(self):
        with tempfile.TemporaryDirectory() as directory:
            build = Path(directory)
            self.assertEqual(rb.run_directories(build), set())
            make_run_directory(build, "20260101T000000-old")
            before = rb.run_directories(build)
            made = make_run_directory(build, "20260101T000001-new", checked=3)
            self.assertEqual(rb.new_run_directory(build, before), made)
            self.assertEqual(rb.checked_tests(made), 3)
            with self.assertRaisesRegex(rb.CommandFailed, "one new run directory"):
                rb.new_run_directory(build, rb.run_directories(build))

    def test_a_session_that_did_not_pass_is_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            build = Path(directory)
            make_run_directory(build, "20260101T000000-x", session=False)
            with self.assertRaisesRegex(rb.CommandFailed, "session.ok"):
                rb.new_run_directory(build, set())

    def test_refused_lines_are_not_counted(self):
        with tempfile.TemporaryDirectory() as directory:
            made = make_run_directory(Path(directory), "r")
            (made / "tests.log").write_text("ok check t1\nrefused check t2\nok outside t3\n")
            self.assertEqual(rb.checked_tests(made), 2)
            self.assertEqual(rb.checked_tests(Path(directory)), 0)


class Listings(unittest.TestCase):
    def test_shape_ignores_run_directory_backtrace_and_own_build(self):
        def test(build, run_dir):
            return {"name": "t1", "backtrace": 7,
                    "command": ["/b/check", "run", "--run-dir", run_dir, "--test", "t1", "--", "x"],
                    "properties": [{"name": "LABELS", "value": ["staging"]},
                                   {"name": "WORKING_DIRECTORY", "value": build}]}
        a = rb.test_shape(test("/one", "/runs/1"), Path("/one"))
        b = rb.test_shape(test("/two", "/runs/2"), Path("/two"))
        self.assertEqual(a, b)
        self.assertEqual(a["command"][3], "<run-dir>")
        self.assertNotEqual(a, rb.test_shape(test("/two", "/runs/2"), Path("/one")))

    def test_session_regex_selects_the_session_and_the_checklist(self):
        listing = {"tests": [
            {"name": "staging_session",
             "properties": [{"name": "FIXTURES_SETUP", "value": ["staging_session"]}]},
            {"name": "staging_checklist",
             "properties": [{"name": "FIXTURES_CLEANUP", "value": ["staging_session"]}]},
            {"name": "t1", "properties": [{"name": "FIXTURES_REQUIRED", "value": ["staging_session"]}]},
        ]}
        regex, names = rb.session_regex(listing)
        self.assertEqual(regex, "^(staging_session|staging_checklist)$")
        self.assertEqual(names, ["staging_session", "staging_checklist"])
        regex, names = rb.session_regex(listing, "t1")
        self.assertEqual(regex, "^(staging_session|staging_checklist|t1)$")
        with self.assertRaises(rb.CommandFailed):
            rb.session_regex(listing, "t2")
        self.assertEqual(rb.find_test(listing, "t1")["name"], "t1")
        with self.assertRaises(rb.CommandFailed):
            rb.session_regex({"tests": listing["tests"][2:]})
        with self.assertRaises(rb.CommandFailed):
            rb.find_test(listing, "t2")


class FakeCtest:
    """Stands for ctest in bench_session: a `-R` run makes a run directory
    (with session.ok unless told otherwise, and <checked> checked tests)."""

    def __init__(self, work: Path, session: bool = True, checked: int = 1):
        self.work, self.session, self.checked, self.calls = work, session, checked, []
        self.toolkit = rb.ROOT

    def ctest(self, build: Path, *args: str) -> rb.Run:
        self.calls.append((build.name, args))
        if "-R" in args:
            make_run_directory(build, f"run{len(self.calls)}", self.session, self.checked)
        return rb.Run(0.5 if "-R" in args else 0.25, 0.1, 1024)


class FakeSuites:
    def __init__(self, work: Path):
        self.builds = {name: work / name for name in ("staging", "hand", "bare", "prestaged")}
        self.session_regex = "^(staging_session|staging_checklist|t1)$"

    def setup(self) -> None:
        pass


class SessionBench(unittest.TestCase):
    def test_each_sample_is_a_fresh_session_against_a_plain_listing(self):
        with tempfile.TemporaryDirectory() as directory:
            tools = FakeCtest(Path(directory))
            bench = rb.bench_session(tools, FakeSuites(Path(directory)))
            for _ in range(2):
                self.assertEqual(bench.variants["staging"]().total, 0.5)
            self.assertEqual(bench.variants["plain"]().total, 0.25)
            self.assertEqual(tools.calls[0], ("staging", ("-R", "^(staging_session|staging_checklist|t1)$")))
            self.assertEqual(tools.calls[2], ("hand", ("-N",)))

    def test_a_run_without_a_passed_session_is_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            bench = rb.bench_session(FakeCtest(Path(directory), session=False),
                                     FakeSuites(Path(directory)))
            with self.assertRaisesRegex(rb.CommandFailed, "session.ok"):
                bench.variants["staging"]()

    def test_a_run_that_ran_other_tests_is_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            bench = rb.bench_session(FakeCtest(Path(directory), checked=2),
                                     FakeSuites(Path(directory)))
            with self.assertRaisesRegex(rb.CommandFailed, "other than the session"):
                bench.variants["staging"]()


class Targets(unittest.TestCase):
    def test_the_targets_of_the_brief(self):
        with tempfile.TemporaryDirectory() as directory:
            tools = FakeCtest(Path(directory))
            suites = FakeSuites(Path(directory))
            benches = [rb.bench_ctest_run(tools), rb.bench_configure(tools, suites),
                       rb.bench_session(tools, suites), rb.bench_load(tools, suites),
                       rb.bench_gtest_run(tools), rb.bench_discovery(tools)]
        targets = {row.id: row.target for bench in benches for row in bench.rows
                   if row.target is not None}
        self.assertEqual(targets, {"1": 1.10, "2": 1.5, "3": 1.5, "4": 1.3, "5": 1.05, "6": 1.1})
        rows = {row.id: (row.staging, row.plain) for bench in benches for row in bench.rows}
        self.assertEqual(rows["2"], (("staging", None), ("hand", None)))
        self.assertEqual(rows["3"], (("staging", None), ("plain", None)))
        self.assertEqual(rows["4"], (("staging", None), ("prestaged", None)))
        self.assertEqual(rows["4 bare"], (("staging", None), ("bare", None)))
        self.assertEqual(rows["1 floor"], (("floor", None), ("plain", None)))


class Profiles(unittest.TestCase):
    EVENTS = [
        {"ph": "B", "name": "add_test", "ts": 0, "args": {"location": "g.cmake:10"}},
        {"ph": "B", "name": "if", "ts": 10, "args": {"location": "g.cmake:11"}},
        {"ph": "E", "ts": 15},
        {"ph": "B", "name": "_add_test", "ts": 20, "args": {"location": "g.cmake:12"}},
        {"ph": "E", "ts": 50},
        {"ph": "E", "ts": 60},
        {"ph": "B", "name": "if", "ts": 100, "args": {"location": "g.cmake:11"}},
        {"ph": "E", "ts": 103},
    ]

    def test_self_time_excludes_nested_commands(self):
        summary = rb.trace_summary(self.EVENTS)
        self.assertEqual(summary["total_us"], 63.0)
        commands = summary["commands"]
        self.assertEqual(list(commands), ["_add_test", "add_test", "if"])  # by self time
        self.assertEqual(commands["add_test"], {"count": 1, "self_us": 25.0, "inclusive_us": 60.0})
        self.assertEqual(commands["if"]["count"], 2)
        self.assertEqual(commands["if"]["self_us"], 8.0)
        by_line = rb.trace_summary(self.EVENTS, "location")["commands"]
        self.assertIn("g.cmake:11 if", by_line)
        text = rb.format_trace_summary("t", summary, top=2)
        self.assertIn("0 ms profiled", text)
        self.assertIn("_add_test", text)
        self.assertNotIn(" if", text.splitlines()[-1])
        short = rb.shorten_locations(rb.trace_summary(self.EVENTS, "location"), {"g.cmake": "<g>"})
        self.assertIn("<g>:12 _add_test", short["commands"])

    def test_guard_harness(self):
        guard = ('cmake_policy(VERSION 3.25)\n'
                 'if(CMAKE_PARENT_LIST_FILE STREQUAL "CTestTestfile.cmake")\nendif()\n'
                 'if(COMMAND _add_test)\nendif()\n'
                 '_add_test("${name}" x)\n__staging_tests_guard_bracket(y)\n'
                 '_set_tests_properties(t PROPERTIES A B)\n')
        harness = rb.guard_harness(guard)
        self.assertIn("if(TRUE)", harness)
        self.assertIn("_staging_bench_add_test(\"${name}\" x)", harness)
        self.assertIn("_staging_bench_set_tests_properties(t PROPERTIES", harness)
        self.assertIn("if(COMMAND _add_test)", harness)  # the checks stay as they are
        self.assertIn("__staging_tests_guard_bracket(y)", harness)
        self.assertLess(harness.index("function(_staging_bench_add_test)"), harness.index("if(TRUE)"))
        with self.assertRaisesRegex(ValueError, "harness needs updating"):
            rb.guard_harness(guard.replace("CMAKE_PARENT_LIST_FILE", "X"))

    def test_the_guard_harness_fits_the_guard_as_it_is(self):
        guard = rb.ROOT / "templates" / "ctest" / "StagingTestsGuard.cmake"
        if guard.exists():
            rb.guard_harness(guard.read_text(encoding="utf-8"))

    def test_cmake_value(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "CMakeCXXCompiler.cmake"
            path.write_text('set(CMAKE_CXX_COMPILER_ID "GNU")\nset(CMAKE_CXX_COMPILER_VERSION "12.2.0")\n')
            self.assertEqual(rb.cmake_value(path, "CMAKE_CXX_COMPILER_VERSION"), "12.2.0")
            self.assertIsNone(rb.cmake_value(path, "NOPE"))
            self.assertIsNone(rb.cmake_value(Path(directory) / "missing", "X"))


class Projects(unittest.TestCase):
    def test_generated_projects_mention_what_they_compare(self):
        staging = rb.suite_project("staging", 10, Path("/kit"))
        self.assertIn("add_staging_test(NAME t${i} COMMAND trivial)", staging)
        self.assertIn("[==[/kit/modules]==]", staging)
        self.assertIn(rb.POLICY_CALL, staging)
        hand = rb.suite_project("hand", 10)
        self.assertIn("FIXTURES_REQUIRED staging_session", hand)
        self.assertIn(rb.PLAIN_ENVIRONMENT, hand)
        self.assertNotIn("StagingTests", hand)
        self.assertNotIn("set_tests_properties(t", rb.suite_project("bare", 10))
        self.assertIn("add_staging_gtest(cases)", rb.gtest_project(True, ["a.cpp"], None))
        self.assertIn("gtest_discover_tests(cases DISCOVERY_MODE PRE_TEST)",
                      rb.gtest_project(False, ["a.cpp"], "PRE_TEST"))

    def test_prestaged_suite_holds_what_the_hooks_make(self):
        text = rb.suite_project("prestaged", 10, check="/b/StagingTests/staging_tests_check",
                                run_dir="/b/StagingTests/runs/r", command="/b/trivial")
        self.assertNotIn("StagingTests)", text)  # no include(StagingTests)
        self.assertIn("set(check [==[/b/StagingTests/staging_tests_check]==])", text)
        self.assertIn("add_test(NAME t${i} COMMAND ${check} run --run-dir ${run_dir} --test t${i}\n"
                      "    -- /b/trivial)", text)
        self.assertIn("add_test(NAME staging_session COMMAND ${check} session --run-dir ${run_dir})",
                      text)
        self.assertIn("FIXTURES_CLEANUP staging_session", text)
        self.assertIn(rb.PLAIN_ENVIRONMENT, text)
        with self.assertRaises(ValueError):
            rb.suite_project("prestaged", 10)

    def test_cases_source(self):
        self.assertIn("RegisterTest", rb.cases_source(100, 200, macro=False))
        macro = rb.cases_source(3, 199, macro=True)
        self.assertIn("TEST(Suite1, case199) {}", macro)
        self.assertIn("TEST(Suite2, case201) {}", macro)

    def test_work_directory_must_be_scratch(self):
        with self.assertRaises(SystemExit):
            rb.safe_work_directory(rb.ROOT)
        with self.assertRaises(SystemExit):
            rb.safe_work_directory(rb.ROOT / "tests")
        self.assertEqual(rb.safe_work_directory(rb.ROOT / "build" / "bench"),
                         (rb.ROOT / "build" / "bench").resolve())

    def test_toolkit_must_have_the_module(self):
        self.assertEqual(rb.toolkit_directory(rb.ROOT), rb.ROOT.resolve())
        with tempfile.TemporaryDirectory() as directory:
            with self.assertRaises(SystemExit):
                rb.toolkit_directory(Path(directory))


if __name__ == "__main__":
    unittest.main()
