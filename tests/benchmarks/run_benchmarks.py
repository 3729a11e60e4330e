#!/usr/bin/env python3
"""StagingTests benchmarks: the toolkit's cost against plain CTest and GoogleTest.

Generates small CMake projects in a scratch directory, builds them once, then
measures each comparison in one run, alternating the variants (the order is
reversed every other round, so no variant always runs first), and prints a
table of medians, spread and ratios of medians; the same results go to JSON.

    python3 tests/benchmarks/run_benchmarks.py [--quick] [--cmake <cmake>] [--out results.json]

Python 3.11 standard library only. tests/benchmarks/README.md says what each
benchmark measures and why, and holds the latest results.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WORK = Path(tempfile.gettempdir()) / "staging-tests-benchmarks"

VAULT = "engram-staging-vault"
POLICY_CALL = f"staging_tests_configure(AZURE_KEY_VAULT {VAULT})"
# The properties a team writes by hand to get what add_staging_test sets.
PLAIN_ENVIRONMENT = (
    f"ENVIRONMENT=staging;AZURE_KEY_VAULT_NAME={VAULT};"
    f"AZURE_KEYVAULT_URL=https://{VAULT}.vault.azure.net/"
)
# Variables the guard and the check program judge: the benchmark runs as an
# unpinned caller, whatever the shell it is started from exports.
CLEARED_VARIABLES = ("ENVIRONMENT", "AZURE_KEY_VAULT_NAME", "AZURE_KEYVAULT_URL")


# --------------------------------------------------------------------------
# Statistics, table and JSON (unit-tested by test_run_benchmarks.py)
# --------------------------------------------------------------------------

def summarize(samples: list[float]) -> dict:
    """Count, median, min, max and quartiles of a non-empty list of samples."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    if len(ordered) == 1:
        q1 = q3 = ordered[0]
    else:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "q1": q1,
        "q3": q3,
    }


def ratio(numerator: float, denominator: float) -> float:
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    return numerator / denominator


def paired_ratios(a: list[float], b: list[float]) -> list[float]:
    """a[i] / b[i]: the two variants measured in the same round, side by side."""
    if len(a) != len(b):
        raise ValueError("paired samples differ in length")
    return [ratio(x, y) for x, y in zip(a, b)]


def compare(staging: list[float], plain: list[float], target: float | None) -> dict:
    """One comparison: the ratio of the medians, judged against the target
    (None: for information, no target)."""
    s = summarize(staging)
    p = summarize(plain)
    r = ratio(s["median"], p["median"])
    return {
        "staging": s,
        "plain": p,
        "ratio": r,
        "paired": summarize(paired_ratios(staging, plain)),
        "target": target,
        "met": None if target is None else r <= target,
    }


def format_seconds(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.1f} ms"


def format_count(count: float) -> str:
    return f"{count / 1e6:.1f} M"


def format_cell(summary: dict, unit: str = "seconds") -> str:
    form = format_count if unit == "instructions" else format_seconds
    if summary["n"] == 1:
        return form(summary["median"])
    return f"{form(summary['median'])} [{form(summary['min'])}–{form(summary['max'])}]"


def format_table(rows: list[dict]) -> str:
    """A Markdown table, one line per comparison (row results of run_bench)."""
    lines = ["| # | comparison | toolkit: median [min–max] | plain: median [min–max] "
             "| ratio | paired ratios [min–max] | target | met |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        c = row["comparison"]
        unit = row.get("unit", "seconds")
        target = "—" if c["target"] is None else f"≤ {c['target']:.2f}×"
        met = {None: "(info)", True: "yes", False: "**NO**"}[c["met"]]
        lines.append(
            f"| {row['id']} | {row['title']} | {format_cell(c['staging'], unit)} "
            f"| {format_cell(c['plain'], unit)} | **{c['ratio']:.2f}×** "
            f"| {c['paired']['min']:.2f}–{c['paired']['max']:.2f} | {target} | {met} |")
    return "\n".join(lines)


def format_details(benches: list[dict]) -> str:
    """Components of composite measurements, and the memory of ctest."""
    lines = []
    for bench in benches:
        for variant, parts in bench.get("parts", {}).items():
            for part, summary in parts.items():
                lines.append(f"  {bench['id']:3} {variant:8} {part:30} {format_cell(summary)}")
        for variant, kib in bench.get("max_rss_kib", {}).items():
            lines.append(f"  {bench['id']:3} {variant:8} {'max RSS (median)':30} "
                         f"{kib / 1024:.1f} MiB")
        for title, content in bench.get("diagnostics", {}).items():
            lines.append(f"  {bench['id']:3} {title}:")
            for key, value in content.items():
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                lines.append(f"        {key}: {shown}")
    return "\n".join(lines)


def all_rows(benches: list[dict]) -> list[dict]:
    return [row for bench in benches for row in bench["rows"]]


def write_json(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# Running commands
# --------------------------------------------------------------------------

class CommandFailed(RuntimeError):
    pass


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the process and the descendants it waited for
    max_rss_kib: int | None  # of the command (ctest), when measured


def clean_environment() -> dict:
    return {name: value for name, value in os.environ.items()
            if name not in CLEARED_VARIABLES and not name.startswith("STAGING_TESTS_")}


ENV = clean_environment()
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(command: list[str], cwd: Path | None = None, memory: bool = False) -> Run:
    """Runs a command quietly, timed with perf_counter around the process.

    memory: also measure its maximum resident set size, through
    `/usr/bin/time -f %M` (which adds well under a millisecond). Python's own
    wait4() figure is no use here: Linux counts the parent's size at the fork
    into the child's maximum.
    """
    rss_file = None
    if memory and GNU_TIME:
        rss_file = tempfile.NamedTemporaryFile(prefix="rss-", delete=False)
        rss_file.close()
        command = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *command]
    try:
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, env=ENV,
                                       stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                err.seek(0)
                tail = err.read().decode(errors="replace")[-3000:]
                raise CommandFailed(
                    f"exit code {process.returncode}: {' '.join(map(str, command))}\n{tail}")
        rss = None
        if rss_file:
            lines = Path(rss_file.name).read_text().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else None
    finally:
        if rss_file:
            os.unlink(rss_file.name)
    return Run(seconds, usage.ru_utime + usage.ru_stime, rss)


def capture(command: list[str], cwd: Path | None = None) -> str:
    """Runs a command (untimed) and returns its standard output."""
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandFailed(f"exit code {done.returncode}: {' '.join(map(str, command))}\n"
                            f"{done.stderr[-3000:]}")
    return done.stdout


def junit_times(path: Path) -> dict[str, float]:
    """Per-test times from ctest --output-junit."""
    root = ElementTree.parse(path).getroot()
    return {case.get("name"): float(case.get("time", "0")) for case in root.iter("testcase")}


def fixture_tests(listing: dict, fixture: str) -> list[str]:
    """The tests that set up or clean up <fixture>, from ctest --show-only=json-v1."""
    names = []
    for test in listing.get("tests", []):
        for item in test.get("properties", []):
            if item.get("name") in ("FIXTURES_SETUP", "FIXTURES_CLEANUP"):
                value = item.get("value")
                if fixture in (value if isinstance(value, list) else [value]):
                    names.append(test["name"])
                    break
    return names


def callgrind_instructions(command: list[str], cwd: Path | None = None) -> int | None:
    """Instructions executed (valgrind --tool=callgrind), or None without valgrind."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    done = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *command], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    match = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    return int(match.group(1)) if done.returncode == 0 and match else None


def touch(path: Path) -> None:
    now = time.time_ns()
    os.utime(path, ns=(now, now))


# --------------------------------------------------------------------------
# Generated projects
# --------------------------------------------------------------------------

HEADER = """cmake_minimum_required(VERSION 3.25...4.3)
project({name} LANGUAGES {languages})
enable_testing()
"""

TOOLKIT = """list(APPEND CMAKE_MODULE_PATH [==[{modules}]==])
include(StagingTests)
{policy}
"""

TRIVIAL_C = "int main(void) { return 0; }\n"

# The least any per-test check must cost: one more execve, of a static
# program that does nothing else.
EXEC_WRAPPER_C = """#include <unistd.h>
int main(int argc, char** argv) {
  (void)argc;
  execv(argv[1], argv + 1);
  return 127;
}
"""

ANCHOR_CPP = "// Touched to force a relink (and POST_BUILD discovery).\nint staging_bench_anchor = 0;\n"

# The least any function with add_staging_test's signature must do.
FLOOR_FUNCTION = f"""function(minimal_staging_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "COMMAND_EXPAND_LISTS" "NAME;WORKING_DIRECTORY"
    "COMMAND;CONFIGURATIONS;LABELS;ENVIRONMENT;FIXTURES_REQUIRED;PROPERTIES")
  add_test(NAME ${{arg_NAME}} COMMAND ${{arg_COMMAND}})
  set_tests_properties(${{arg_NAME}} PROPERTIES LABELS "staging;${{arg_LABELS}}"
    FIXTURES_REQUIRED "staging_session;${{arg_FIXTURES_REQUIRED}}"
    ENVIRONMENT "{PLAIN_ENVIRONMENT}")
endfunction()
"""


def toolkit_block() -> str:
    return TOOLKIT.format(modules=(ROOT / "modules").as_posix(), policy=POLICY_CALL)


def suite_project(kind: str, tests: int) -> str:
    """<tests> trivial tests, each running the same C program.

    kind: "staging" (add_staging_test), "bare" (add_test alone), "exec_floor"
    (add_test through a static exec wrapper), "hand" (add_test plus the
    properties set by hand, and a session setup test), "function_floor" (the
    same through a minimal wrapper function).
    """
    text = HEADER.format(name="bench_suite", languages="C CXX")
    if kind == "staging":
        text += toolkit_block()
    text += "add_executable(trivial trivial.c)\n"
    loop = f"foreach(i RANGE 1 {tests})\n  {{}}\nendforeach()\n"
    if kind == "staging":
        text += loop.format("add_staging_test(NAME t${i} COMMAND trivial)")
    elif kind == "bare":
        text += loop.format("add_test(NAME t${i} COMMAND trivial)")
    elif kind == "exec_floor":
        text += ("add_executable(exec_wrapper exec_wrapper.c)\n"
                 "target_link_options(exec_wrapper PRIVATE -static)\n")
        text += loop.format("add_test(NAME t${i} COMMAND exec_wrapper $<TARGET_FILE:trivial>)")
    elif kind in ("hand", "function_floor"):
        text += ("add_test(NAME staging_session COMMAND trivial)\n"
                 "set_tests_properties(staging_session PROPERTIES\n"
                 "  FIXTURES_SETUP staging_session LABELS staging)\n")
        if kind == "hand":
            text += loop.format(
                "add_test(NAME t${i} COMMAND trivial)\n"
                "  set_tests_properties(t${i} PROPERTIES LABELS staging\n"
                "    FIXTURES_REQUIRED staging_session\n"
                f"    ENVIRONMENT \"{PLAIN_ENVIRONMENT}\")")
        else:
            text += FLOOR_FUNCTION
            text += loop.format("minimal_staging_test(NAME t${i} COMMAND trivial)")
    else:
        raise ValueError(kind)
    return text


def cases_source(count: int, first: int, macro: bool) -> str:
    """GoogleTest cases Suite<k>.case<i>, 100 per suite.

    By default they are registered with testing::RegisterTest, GoogleTest's
    API for tests defined at run time: the same TestInfo, factory and per-test
    events as TEST(), without a class per case, so 10,000 cases compile in
    about a second instead of ~95 CPU-seconds. --macro-tests stamps TEST()s.
    """
    if macro:
        lines = ["#include <gtest/gtest.h>", ""]
        lines += [f"TEST(Suite{i // 100}, case{i}) {{}}" for i in range(first, first + count)]
        return "\n".join(lines) + "\n"
    return f"""#include <gtest/gtest.h>

#include <string>

namespace {{

class Trivial : public testing::Test {{
 public:
  void TestBody() override {{}}
}};

const bool registered = [] {{
  for (int i = {first}; i < {first + count}; ++i) {{
    const std::string suite = "Suite" + std::to_string(i / 100);
    const std::string name = "case" + std::to_string(i);
    testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          []() -> testing::Test* {{ return new Trivial; }});
  }}
  return true;
}}();

}}  // namespace
"""


def write_cases(directory: Path, total: int, macro: bool, per_file: int) -> list[str]:
    """Writes the case sources; returns their absolute paths (CMake syntax)."""
    paths = []
    for index, first in enumerate(range(0, total, per_file)):
        path = directory / f"cases_{index}.cpp"
        write(path, cases_source(min(per_file, total - first), first, macro))
        paths.append(path.as_posix())
    return paths


def gtest_project(staging: bool, sources: list[str], discovery_mode: str | None) -> str:
    """One GoogleTest binary `cases`, with the guard (add_staging_gtest) or
    without it (gtest_discover_tests)."""
    text = HEADER.format(name="bench_gtest", languages="CXX")
    if staging:
        text += toolkit_block()
    text += ("find_package(GTest REQUIRED)\ninclude(GoogleTest)\nset(CMAKE_CXX_STANDARD 17)\n"
             f"add_executable(cases anchor.cpp {' '.join(sources)})\n"
             "target_link_libraries(cases PRIVATE GTest::gtest_main)\n")
    options = f" DISCOVERY_MODE {discovery_mode}" if discovery_mode else ""
    text += f"{'add_staging_gtest' if staging else 'gtest_discover_tests'}(cases{options})\n"
    return text


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# The benchmarks
# --------------------------------------------------------------------------

@dataclass
class Sample:
    """One measurement of one variant: its total and named parts (seconds)."""
    total: float
    parts: dict[str, float] = field(default_factory=dict)
    max_rss_kib: int | None = None
    cpu: float | None = None  # user + system seconds


CPU = "@cpu"  # the part name of a Sample's CPU time in a Row


@dataclass
class Row:
    """One comparison: (variant, part) against (variant, part); part None is the
    total, CPU the CPU time. target None: for information."""
    id: str
    title: str
    staging: tuple[str, str | None]
    plain: tuple[str, str | None]
    target: float | None


@dataclass
class Bench:
    id: str
    title: str
    what: str
    setup: Callable[[], None]
    variants: dict[str, Callable[[], Sample]]
    rows: list[Row]
    rounds_factor: int = 1
    quick: bool = True  # whether --quick runs it at all
    optional: tuple[str, ...] = ()  # variants --quick leaves out (and their rows)
    # Untimed, after the rounds: {"rows": [row results], "diagnostics": {...}}.
    diagnose: Callable[[bool], dict] | None = None


class Tools:
    def __init__(self, cmake: str, work: Path, jobs: int, macro: bool):
        self.cmake = shutil.which(cmake) or cmake
        ctest = Path(self.cmake).with_name("ctest")
        self.ctest_path = str(ctest) if ctest.exists() else "ctest"
        self.work = work
        self.jobs = jobs
        self.macro = macro
        out = subprocess.run([self.cmake, "--version"], capture_output=True, text=True, check=True)
        self.version = out.stdout.split()[2]

    def configure(self, source: Path, build: Path) -> Run:
        return run([self.cmake, "-S", str(source), "-B", str(build), "-G", "Ninja"])

    def build(self, build: Path) -> Run:
        return run([self.cmake, "--build", str(build), "-j", str(self.jobs)])

    def ctest(self, build: Path, *args: str) -> Run:
        return run([self.ctest_path, "--test-dir", str(build), *args], memory=True)

    def listing(self, build: Path) -> dict:
        return json.loads(capture([self.ctest_path, "--test-dir", str(build),
                                   "--show-only=json-v1"]))


def project_dirs(tools: Tools, name: str) -> tuple[Path, Path]:
    return tools.work / name / "src", tools.work / name / "build"


def prepare(tools: Tools, name: str, cmake_text: str, files: dict[str, str],
            build_it: bool = True) -> Path:
    source, build = project_dirs(tools, name)
    write(source / "CMakeLists.txt", cmake_text)
    for file_name, text in files.items():
        write(source / file_name, text)
    log(f"    setup: configure {name}")
    tools.configure(source, build)
    if build_it:
        log(f"    setup: build {name}")
        tools.build(build)
    return build


def once_only(setup: Callable[[], None]) -> Callable[[], None]:
    """setup, run by the first caller; the others (threads) wait for it."""
    lock = threading.Lock()
    done = []

    def once() -> None:
        with lock:
            if not done:
                setup()
                done.append(True)
    return once


SESSION_FIXTURE = "staging_session"


def session_regex(tools: Tools, build: Path) -> tuple[str, list[str]]:
    """A -R expression selecting exactly the session fixture's tests (its setup
    tests, the audit among them, and its clean-up tests), as the suite has them
    today."""
    names = fixture_tests(tools.listing(build), SESSION_FIXTURE)
    if SESSION_FIXTURE not in names:
        raise CommandFailed(f"no session test '{SESSION_FIXTURE}' in {build}")
    return "^(" + "|".join(re.escape(name) for name in names) + ")$", names


def bench_ctest_run(tools: Tools) -> Bench:
    tests = 1000
    kinds = {"staging": "staging", "plain": "bare", "floor": "exec_floor"}
    builds: dict[str, Path] = {}

    def setup() -> None:
        for variant, kind in kinds.items():
            builds[variant] = prepare(tools, f"run1k_{variant}", suite_project(kind, tests),
                                      {"trivial.c": TRIVIAL_C, "exec_wrapper.c": EXEC_WRAPPER_C})

    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            if variant == "staging" and key_state(builds[variant]) is None:
                tools.ctest(builds[variant], "-j2")  # untimed: the audit lists the suite once
            r = tools.ctest(builds[variant], "-j2")
            return Sample(r.seconds, max_rss_kib=r.max_rss_kib, cpu=r.cpu_seconds)
        return once

    def diagnose(quick: bool) -> dict:
        # Where a staging run's time goes: ctest's own per-test times.
        if quick:
            return {}
        junit = tools.work / "run1k_staging.junit.xml"
        tools.ctest(builds["staging"], "-j2", "--output-junit", str(junit))
        times = junit_times(junit)
        _, session = session_regex(tools, builds["staging"])
        ordinary = [seconds for name, seconds in times.items() if name not in session]
        return {"diagnostics": {
            "one more staging run, per-test times from --output-junit (s)": {
                **{name: times.get(name) for name in session},
                "median of the 1,000 ordinary tests": statistics.median(ordinary)}}}

    return Bench(
        "1", "ctest run, 1,000 trivial tests, -j2",
        "`ctest -j2` on 1,000 add_staging_test() of a trivial C program (with the session "
        "fixture and the guard) against 1,000 plain add_test() of the same program. For "
        "information: `1 floor`, the plain tests run through a 5-line static C exec wrapper, "
        "the least any per-test check can cost; `1 cpu`, user+system CPU time of ctest and "
        "every test. Every staging sample is a repeated run: the suite audit reuses the "
        "verdict of the untimed first one (#3 measures both).",
        once_only(setup), {v: measure(v) for v in kinds},
        [Row("1", "ctest -j2, 1,000 trivial tests", ("staging", None), ("plain", None), 1.15),
         Row("1 cpu", "… CPU time (user+system, ctest and tests)", ("staging", CPU),
             ("plain", CPU), None),
         Row("1 floor", "… plain through a static exec wrapper", ("floor", None),
             ("plain", None), None)],
        optional=("floor",), diagnose=diagnose)


class Suites10k:
    """The 10,000-test suites shared by benchmarks 2 and 3."""
    tests = 10000
    kinds = {"staging": "staging", "plain": "hand", "floor": "function_floor"}

    def __init__(self, tools: Tools):
        self.tools = tools
        self.builds: dict[str, Path] = {}
        self.sources: dict[str, Path] = {}
        self.setup = once_only(self._setup)

    def _setup(self) -> None:
        for variant, kind in self.kinds.items():
            name = f"suite10k_{variant}"
            self.builds[variant] = prepare(
                self.tools, name, suite_project(kind, self.tests), {"trivial.c": TRIVIAL_C},
                build_it=variant == "staging")
            self.sources[variant] = project_dirs(self.tools, name)[0]


def bench_configure(tools: Tools, suites: Suites10k) -> Bench:
    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            return Sample(tools.configure(suites.sources[variant], suites.builds[variant]).seconds)
        return once

    return Bench(
        "2", "configure, 10,000 tests",
        "`cmake -S -B` re-run on an existing build tree (compiler detection cached; the whole "
        "configure and generate step re-done): a foreach of 10,000 add_staging_test() against "
        "add_test() + set_tests_properties(LABELS, FIXTURES_REQUIRED, ENVIRONMENT) with the "
        "same values. For information, `2 floor`: the same through a minimal function "
        "(cmake_parse_arguments(PARSE_ARGV), add_test, set_tests_properties), the least any "
        "function-based API can cost.",
        suites.setup, {v: measure(v) for v in suites.kinds},
        [Row("2", "re-configure, 10,000 tests", ("staging", None), ("plain", None), 1.5),
         Row("2 floor", "… plain through a minimal wrapper function", ("floor", None),
             ("plain", None), None)],
        optional=("floor",))


def bench_fresh_configure(tools: Tools) -> Bench:
    tests = 10000
    sources: dict[str, Path] = {}

    def setup() -> None:
        for variant, kind in (("staging", "staging"), ("plain", "hand")):
            source, _ = project_dirs(tools, f"fresh10k_{variant}")
            write(source / "CMakeLists.txt", suite_project(kind, tests))
            write(source / "trivial.c", TRIVIAL_C)
            sources[variant] = source

    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            build = sources[variant].parent / "build"
            shutil.rmtree(build, ignore_errors=True)
            return Sample(tools.configure(sources[variant], build).seconds)
        return once

    return Bench(
        "2 fresh", "first configure, 10,000 tests",
        "the projects of #2 configured into an empty build directory: compiler detection "
        "included, what a first `cmake -S -B` costs (for information; 3 rounds).",
        once_only(setup), {v: measure(v) for v in ("staging", "plain")},
        [Row("2 fresh", "… first configure (compiler detection included)", ("staging", None),
             ("plain", None), None)],
        quick=False)


def audit_key(build: Path) -> Path:
    """Where the suite audit keeps the key of its last passing verdict."""
    return build / "StagingTests" / "audit.key"


def key_state(build: Path) -> tuple[int, int] | None:
    try:
        status = audit_key(build).stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns


def bench_session(tools: Tools, suites: Suites10k) -> Bench:
    selection: dict[str, str] = {}

    def setup() -> None:
        suites.setup()
        selection["regex"], names = session_regex(tools, suites.builds["staging"])
        log(f"    the session fixture today: {', '.join(names)}")

    def session_run() -> Sample:
        build = suites.builds["staging"]
        listing = tools.ctest(build, "-N")
        junit = tools.work / "session.junit.xml"
        session = tools.ctest(build, "-R", selection["regex"], "--output-junit", str(junit))
        parts = {"ctest -N (the guard runs)": listing.seconds, SESSION_PART: session.seconds}
        for name, seconds in junit_times(junit).items():
            parts[f"  test {name}"] = seconds
        rss = [r.max_rss_kib for r in (listing, session) if r.max_rss_kib is not None]
        return Sample(listing.seconds + session.seconds, parts, max(rss) if rss else None)

    def first() -> Sample:
        # As after a configure or a build: no verdict to reuse, the audit
        # lists the suite.
        audit_key(suites.builds["staging"]).unlink(missing_ok=True)
        return session_run()

    def repeat() -> Sample:
        build = suites.builds["staging"]
        if key_state(build) is None:
            session_run()  # untimed: the run that leaves the verdict
        before = key_state(build)
        if before is None:
            raise CommandFailed(f"the suite audit kept no verdict in {audit_key(build)}")
        sample = session_run()
        if key_state(build) != before:
            raise CommandFailed("the suite audit listed the suite again on a repeated run")
        return sample

    def plain() -> Sample:
        listing = tools.ctest(suites.builds["plain"], "-N")
        return Sample(listing.seconds, max_rss_kib=listing.max_rss_kib)

    return Bench(
        "3", "session cost, 10,000 tests",
        "on the staging suite `ctest -N` (the guard runs) plus `ctest -R <session fixture>` "
        "(the guard and every setup and clean-up test of the session fixture, as the suite "
        "has them when the script runs: the session test, the suite audit, ...), against a "
        "bare `ctest -N` of the hand-written suite. That sum loads the suite twice, so its "
        "floor is 2×; `one run` is what a real run pays: one ctest that runs the guard "
        "and the session fixture, against one that only loads the suite. The suite audit "
        "keeps the key of a passing verdict: `first run` removes it before each sample (the "
        "first run after a configure or a build lists the suite), `repeat run` keeps it "
        "(and fails unless the audit reused it).",
        once_only(setup), {"staging": first, "staging_repeat": repeat, "plain": plain},
        [Row("3 first run", "`ctest -N` + `ctest -R <session>` vs `ctest -N`, first run",
             ("staging", None), ("plain", None), 2.0),
         Row("3 repeat run", "… the same, repeated (the audit's verdict reused)",
             ("staging_repeat", None), ("plain", None), 2.0),
         Row("3 one run, first", "… `ctest -R <session>` alone vs `ctest -N`, first run",
             ("staging", SESSION_PART), ("plain", None), 2.0),
         Row("3 one run, repeat", "… `ctest -R <session>` alone vs `ctest -N`, repeated",
             ("staging_repeat", SESSION_PART), ("plain", None), 2.0)])


SESSION_PART = "ctest -R <session fixture>"


def bench_gtest_run(tools: Tools) -> Bench:
    cases = 10000
    binaries: dict[str, Path] = {}

    def setup() -> None:
        sources = write_cases(tools.work / "cases10k", cases, tools.macro, per_file=2500)
        for variant in ("staging", "plain"):
            build = prepare(tools, f"gtest10k_{variant}",
                            gtest_project(variant == "staging", sources, "PRE_TEST"),
                            {"anchor.cpp": ANCHOR_CPP})
            binaries[variant] = build / "cases"

    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            r = run([str(binaries[variant])], cwd=binaries[variant].parent)
            return Sample(r.seconds, cpu=r.cpu_seconds)
        return once

    def diagnose(quick: bool) -> dict:
        if quick:
            return {}
        counts = {v: callgrind_instructions([str(b)], b.parent) for v, b in binaries.items()}
        if None in counts.values():
            return {}
        comparison = compare([counts["staging"]], [counts["plain"]], None)
        return {"rows": [{"id": "4 instr", "unit": "instructions",
                          "title": "… instructions executed (callgrind, one run each)",
                          "comparison": comparison}],
                "diagnostics": {"instructions (callgrind)": counts}}

    return Bench(
        "4", "GoogleTest, 10,000 cases in one binary",
        "the test binary run directly, all 10,000 trivial cases in-process, output to "
        "/dev/null: linked with the guard by add_staging_gtest() against the same sources "
        "without it (gtest_discover_tests); both DISCOVERY_MODE PRE_TEST, so the build does "
        "not list them. A run lasts tens of milliseconds, so it has 3× the rounds; `4 cpu` "
        "(user+system time) and `4 instr` (instructions, callgrind, if valgrind is "
        "installed) are steadier.",
        once_only(setup), {v: measure(v) for v in ("staging", "plain")},
        [Row("4", "GoogleTest binary, 10,000 cases in-process", ("staging", None),
             ("plain", None), 1.05),
         Row("4 cpu", "… CPU time (user+system)", ("staging", CPU), ("plain", CPU), None)],
        rounds_factor=3, diagnose=diagnose)


def bench_discovery(tools: Tools) -> Bench:
    cases = 2000
    builds: dict[str, Path] = {}
    anchors: dict[str, Path] = {}

    def setup() -> None:
        sources = write_cases(tools.work / "cases2k", cases, tools.macro, per_file=1000)
        for variant in ("staging", "plain"):
            name = f"discovery2k_{variant}"
            builds[variant] = prepare(tools, name,
                                      gtest_project(variant == "staging", sources, None),
                                      {"anchor.cpp": ANCHOR_CPP})
            anchors[variant] = project_dirs(tools, name)[0] / "anchor.cpp"

    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            tests_file = builds[variant] / "cases[1]_tests.cmake"
            before = tests_file.stat().st_mtime_ns
            touch(anchors[variant])
            built = tools.build(builds[variant])
            if tests_file.stat().st_mtime_ns == before:
                raise CommandFailed(f"{tests_file} was not rewritten: discovery did not run")
            listing = tools.ctest(builds[variant], "-N")
            return Sample(built.seconds + listing.seconds,
                          {"build (relink + discovery)": built.seconds,
                           "ctest -N": listing.seconds},
                          listing.max_rss_kib, built.cpu_seconds + listing.cpu_seconds)
        return once

    return Bench(
        "5", "discovery, 2,000 cases",
        "touch a one-line source, `cmake --build` (recompile it, relink, POST_BUILD "
        "discovery) plus `ctest -N`: add_staging_gtest() against plain gtest_discover_tests(). "
        "A sample lasts about a second, so it has 2× the rounds; `5 cpu` is its CPU time.",
        once_only(setup), {v: measure(v) for v in ("staging", "plain")},
        [Row("5", "GoogleTest discovery, 2,000 cases: build + `ctest -N`", ("staging", None),
             ("plain", None), 1.1),
         Row("5 cpu", "… CPU time (user+system)", ("staging", CPU), ("plain", CPU), None)],
        rounds_factor=2)


def measure_alternating(variants: dict[str, Callable[[], Sample]], rounds: int,
                        warmup: int) -> dict[str, list[Sample]]:
    """Runs every variant once per round: A B C, then C B A, then A B C ..."""
    names = list(variants)
    for _ in range(warmup):
        for name in names:
            variants[name]()
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            samples[name].append(variants[name]())
    return samples


def values(samples: dict[str, list[Sample]], key: tuple[str, str | None]) -> list[float]:
    variant, part = key
    if part is None:
        return [s.total for s in samples[variant]]
    if part == CPU:
        return [s.cpu for s in samples[variant]]
    return [s.parts[part] for s in samples[variant]]


def run_bench(bench: Bench, rounds: int, warmup: int, quick: bool) -> dict:
    bench.setup()
    variants = {name: measure for name, measure in bench.variants.items()
                if not (quick and name in bench.optional)}
    samples = measure_alternating(variants, rounds, warmup)
    rows = [row for row in bench.rows
            if row.staging[0] in variants and row.plain[0] in variants]
    result = {
        "id": bench.id,
        "title": bench.title,
        "what": bench.what,
        "rounds": rounds,
        "samples": {name: [s.total for s in values_] for name, values_ in samples.items()},
        "rows": [{"id": row.id, "title": row.title,
                  "comparison": compare(values(samples, row.staging), values(samples, row.plain),
                                        row.target)}
                 for row in rows],
    }
    parts = {name: {part: summarize([s.parts[part] for s in values_])
                    for part in values_[0].parts}
             for name, values_ in samples.items() if values_[0].parts}
    if parts:
        result["parts"] = parts
    rss = {name: statistics.median([s.max_rss_kib for s in values_])
           for name, values_ in samples.items()
           if all(s.max_rss_kib is not None for s in values_)}
    if rss:
        result["max_rss_kib"] = rss
    if bench.diagnose:
        extra = bench.diagnose(quick)
        result["rows"] += extra.get("rows", [])
        if extra.get("diagnostics"):
            result["diagnostics"] = extra["diagnostics"]
    return result


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 rounds, no warm-up round, no fresh-configure comparison")
    parser.add_argument("--cmake", default="cmake",
                        help="the cmake to use; ctest is taken from the same directory")
    parser.add_argument("--out", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help=f"scratch directory, emptied first (default {DEFAULT_WORK})")
    parser.add_argument("--rounds", type=int,
                        help="rounds per comparison (default 7, --quick 3; #4 runs 3× as many)")
    parser.add_argument("--only", default="",
                        help="comma-separated benchmark numbers, e.g. 2,3 (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="build parallelism (default 2)")
    parser.add_argument("--macro-tests", action="store_true",
                        help="stamp real TEST() macros instead of RegisterTest (slow to compile)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return parser.parse_args(argv)


def safe_work_directory(work: Path) -> Path:
    work = work.resolve()
    inside_sources = work == ROOT or ROOT in work.parents
    if inside_sources and not (ROOT / "build") in [work, *work.parents]:
        raise SystemExit(f"--work {work}: give a scratch directory outside the sources "
                         "(or under build/): it is emptied first")
    if work in (Path("/"), Path.home(), Path(tempfile.gettempdir())):
        raise SystemExit(f"--work {work}: give a directory of its own: it is emptied first")
    return work


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    rounds = args.rounds or (3 if args.quick else 7)
    warmup = 0 if args.quick else 1
    wanted = {item.strip() for item in args.only.split(",") if item.strip()}

    work = safe_work_directory(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    tools = Tools(args.cmake, work, args.jobs, args.macro_tests)
    log(f"StagingTests benchmarks: CMake {tools.version}, scratch directory {work}")
    suites = Suites10k(tools)
    benches = [bench_ctest_run(tools), bench_configure(tools, suites),
               bench_fresh_configure(tools), bench_session(tools, suites),
               bench_gtest_run(tools), bench_discovery(tools)]
    selected = [bench for bench in benches
                if (not wanted or bench.id.split()[0] in wanted) and (bench.quick or not args.quick)]
    # Generate, configure and build everything first, two projects at a time
    # (configuring is mostly serial); nothing is measured meanwhile.
    log("setup: generate, configure and build the projects")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(bench.setup) for bench in selected]:
            future.result()
    log(f"setup done ({time.perf_counter() - started:.0f} s)")
    results = []
    for bench in selected:
        log(f"[{bench.id}] {bench.title}")
        bench_started = time.perf_counter()
        bench_rounds = 3 if bench.id == "2 fresh" and not args.rounds else rounds
        result = run_bench(bench, bench_rounds * bench.rounds_factor, warmup, args.quick)
        result["elapsed_seconds"] = round(time.perf_counter() - bench_started, 1)
        results.append(result)
        for row in result["rows"]:
            c = row["comparison"]
            unit = row.get("unit", "seconds")
            log(f"    {row['id']}: {c['ratio']:.2f}×  toolkit {format_cell(c['staging'], unit)}, "
                f"plain {format_cell(c['plain'], unit)}")
        log(f"    ({result['elapsed_seconds']:.0f} s)")

    elapsed = time.perf_counter() - started
    report = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cmake": tools.version,
        "generator": "Ninja",
        "host": {"machine": platform.machine(), "cpus": os.cpu_count(),
                 "system": platform.platform(), "python": platform.python_version(),
                 "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
        "quick": args.quick,
        "rounds": rounds,
        "warmup_rounds": warmup,
        "gtest_cases": "TEST() macros" if args.macro_tests else "testing::RegisterTest",
        "elapsed_seconds": round(elapsed, 1),
        "benchmarks": results,
    }
    print(f"\nStagingTests benchmarks, {report['date']}: CMake {tools.version}, Ninja, "
          f"{os.cpu_count()} CPUs, {rounds} rounds{' (--quick)' if args.quick else ''}, "
          f"load average {report['host']['load_average_at_end'][1]} (5 min), "
          f"{elapsed:.0f} s in all\n")
    print(format_table(all_rows(results)))
    details = format_details(results)
    if details:
        print("\n" + details)
    if args.out:
        write_json(args.out, report)
        print(f"\nJSON: {args.out}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CommandFailed as error:
        log(f"benchmark command failed: {error}")
        sys.exit(1)
