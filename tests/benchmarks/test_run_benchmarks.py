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
            {"name": "audit", "properties": [{"name": "FIXTURES_SETUP", "value": "staging_session"}]},
            {"name": "checklist",
             "properties": [{"name": "FIXTURES_CLEANUP", "value": ["staging_session"]}]},
            {"name": "t1", "properties": [{"name": "FIXTURES_REQUIRED", "value": ["staging_session"]}]},
            {"name": "other", "properties": [{"name": "FIXTURES_SETUP", "value": ["other"]}]},
        ]}
        self.assertEqual(rb.fixture_tests(listing, "staging_session"),
                         ["staging_session", "audit", "checklist"])

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


class FakeSessionTools:
    """Stands for cmake/ctest in bench_session: the suite audit of a `-R`
    run lists the suite (rewrites the key) unless <reuse> and a key exists."""

    def __init__(self, work: Path, reuse: bool):
        self.work, self.reuse, self.listings = work, reuse, 0

    def listing(self, build: Path) -> dict:
        return {"tests": [{"name": "staging_session", "properties": [
            {"name": "FIXTURES_SETUP", "value": ["staging_session"]}]}]}

    def ctest(self, build: Path, *args: str) -> rb.Run:
        if "-R" in args:
            key = rb.audit_key(build)
            if not (self.reuse and key.exists()):
                self.listings += 1
                key.unlink(missing_ok=True)
                key.parent.mkdir(parents=True, exist_ok=True)
                key.write_text(f"listing {self.listings}\n")
            junit = Path(args[args.index("--output-junit") + 1])
            junit.write_text('<testsuite><testcase name="staging_session" time="0.1"/>'
                             '</testsuite>')
        return rb.Run(0.5 if "-R" in args else 0.25, 0.1, None)


class FakeSuites:
    def __init__(self, work: Path):
        self.builds = {"staging": work / "staging", "plain": work / "plain"}

    def setup(self) -> None:
        pass


class SessionFirstAndRepeat(unittest.TestCase):
    def bench(self, work: Path, reuse: bool):
        tools = FakeSessionTools(work, reuse)
        bench = rb.bench_session(tools, FakeSuites(work))
        bench.setup()
        return tools, bench

    def test_rows_report_first_and_repeated_runs(self):
        with tempfile.TemporaryDirectory() as directory:
            _, bench = self.bench(Path(directory), reuse=True)
        rows = {row.id: row.staging for row in bench.rows}
        self.assertEqual(rows["3 first run"], ("staging", None))
        self.assertEqual(rows["3 repeat run"], ("staging_repeat", None))
        self.assertEqual(rows["3 one run, first"], ("staging", rb.SESSION_PART))
        self.assertEqual(rows["3 one run, repeat"], ("staging_repeat", rb.SESSION_PART))
        self.assertTrue(all(row.plain == ("plain", None) for row in bench.rows))

    def test_a_first_run_always_lists_and_a_repeat_run_reuses(self):
        with tempfile.TemporaryDirectory() as directory:
            tools, bench = self.bench(Path(directory), reuse=True)
            for _ in range(2):
                sample = bench.variants["staging"]()
            self.assertEqual(tools.listings, 2)
            self.assertEqual(sample.total, 0.75)
            bench.variants["staging_repeat"]()
            bench.variants["staging_repeat"]()
            self.assertEqual(tools.listings, 2)
            rb.audit_key(tools.work / "staging").unlink()
            bench.variants["staging_repeat"]()  # primes the key untimed, then reuses it
            self.assertEqual(tools.listings, 3)

    def test_a_repeat_run_that_lists_again_is_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            _, bench = self.bench(Path(directory), reuse=False)
            with self.assertRaisesRegex(rb.CommandFailed, "listed the suite again"):
                bench.variants["staging_repeat"]()


class Projects(unittest.TestCase):
    def test_generated_projects_mention_what_they_compare(self):
        self.assertIn("add_staging_test(NAME t${i} COMMAND trivial)", rb.suite_project("staging", 10))
        hand = rb.suite_project("hand", 10)
        self.assertIn("FIXTURES_REQUIRED staging_session", hand)
        self.assertIn(rb.PLAIN_ENVIRONMENT, hand)
        self.assertNotIn("StagingTests", hand)
        self.assertIn("add_staging_gtest(cases)", rb.gtest_project(True, ["a.cpp"], None))
        self.assertIn("gtest_discover_tests(cases DISCOVERY_MODE PRE_TEST)",
                      rb.gtest_project(False, ["a.cpp"], "PRE_TEST"))

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


if __name__ == "__main__":
    unittest.main()
