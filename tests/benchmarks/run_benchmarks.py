#!/usr/bin/env python3
"""StagingTests benchmarks: the toolkit's cost against plain CTest and GoogleTest.

Generates small CMake projects in a scratch directory, builds them once, then
measures each comparison in one run, alternating the variants (the order is
reversed every other round, so no variant always runs first), and prints a
table of medians, spread and ratios of medians; the same results go to JSON.

    python3 tests/benchmarks/run_benchmarks.py [--quick] [--cmake <cmake>] [--out results.json]
                                               [--toolkit <dir>] [--profile]

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
# The forced entries, in the guard's order: what a team writes by hand to get
# what the toolkit gives every test.
PLAIN_ENVIRONMENT = (
    f"ENVIRONMENT=staging;AZURE_KEY_VAULT_NAME={VAULT};"
    f"AZURE_KEYVAULT_URL=https://{VAULT}.vault.azure.net/"
)
# Variables the guard and the check program judge: the benchmark runs as an
# unpinned caller, whatever the shell it is started from exports.
CLEARED_VARIABLES = ("ENVIRONMENT", "AZURE_KEY_VAULT_NAME", "AZURE_KEYVAULT_URL")

# The toolkit's own tests under the default policy.
LABEL = "staging"
SESSION_FIXTURE = "staging_session"
CHECKLIST = "staging_checklist"
CHECK_PROGRAM = "StagingTests/staging_tests_check"  # relative to the build tree


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
# CMake profiles (--profile; the summaries are unit-tested)
# --------------------------------------------------------------------------

def trace_summary(events: list[dict], key: str = "name") -> dict:
    """Self and inclusive time per command from a CMake google-trace profile.

    CMake writes one "B" event when a command starts (its name, and in args
    the location file:line) and one "E" when it ends, nested. The self time
    of a command is its duration less that of the commands it ran (for a
    function: the call itself); key "location" groups by the line instead.
    Times are in microseconds; "total" is the sum of the outermost events.
    """
    stack: list[list] = []
    rows: dict[str, dict] = {}
    total = 0.0
    for event in events:
        phase = event.get("ph")
        if phase == "B":
            if key == "location":
                name = f"{event.get('args', {}).get('location', '?')} {event.get('name', '?')}"
            else:
                name = event.get("name", "?")
            stack.append([name, float(event["ts"]), 0.0])
        elif phase == "E" and stack:
            name, start, children = stack.pop()
            duration = float(event["ts"]) - start
            row = rows.setdefault(name, {"count": 0, "self_us": 0.0, "inclusive_us": 0.0})
            row["count"] += 1
            row["self_us"] += duration - children
            row["inclusive_us"] += duration
            if stack:
                stack[-1][2] += duration
            else:
                total += duration
    ordered = dict(sorted(rows.items(), key=lambda item: -item[1]["self_us"]))
    return {"total_us": total, "commands": ordered}


def format_trace_summary(title: str, summary: dict, top: int = 12) -> str:
    total = summary["total_us"]
    lines = [f"  {title}: {total / 1000:.0f} ms profiled (top {top} by self time)",
             f"    {'self ms':>8} {'share':>6} {'calls':>7}  command"]
    for name, row in list(summary["commands"].items())[:top]:
        share = row["self_us"] / total if total else 0.0
        lines.append(f"    {row['self_us'] / 1000:8.1f} {share:6.1%} {row['count']:7d}  {name}")
    return "\n".join(lines)


def shorten_locations(summary: dict, prefixes: dict[str, str]) -> dict:
    """The same summary with long paths in its keys replaced (path -> short name)."""
    commands = {}
    for name, row in summary["commands"].items():
        for path, short in prefixes.items():
            name = name.replace(path, short)
        commands[name] = row
    return {"total_us": summary["total_us"], "commands": commands}


GUARD_ROOT_TEST = 'CMAKE_PARENT_LIST_FILE STREQUAL "CTestTestfile.cmake"'
GUARD_POLICY_LINE = "cmake_policy(VERSION 3.25)\n"
# The built-ins ctest provides and `cmake -P` does not (there add_test and
# set_tests_properties are project commands): empty functions stand for them.
HARNESS_STUBS = """# Stand-ins for ctest's built-ins (the profile harness of run_benchmarks.py).
function(_staging_bench_add_test)
endfunction()
function(_staging_bench_set_tests_properties)
endfunction()
"""


def guard_harness(guard_text: str) -> str:
    """The guard, made to run under `cmake -P` so that CMake can profile it.

    ctest has no profiler, but the guard is CMake code that ctest's own
    interpreter runs, so its cost can be profiled by cmake running the same
    code: `cmake -P` names the root file by its absolute path (so the guard's
    root test is made true), and ctest's built-in add_test() and
    set_tests_properties(), which the guard reaches as _add_test() and
    _set_tests_properties(), are empty functions. Raises ValueError when the
    guard no longer has the lines this relies on.
    """
    for anchor in (GUARD_ROOT_TEST, GUARD_POLICY_LINE, "_add_test(", "_set_tests_properties("):
        if anchor not in guard_text:
            raise ValueError(f"the guard has no {anchor.strip()!r}: the profile harness needs updating")
    text = guard_text.replace(GUARD_ROOT_TEST, "TRUE", 1)
    text = text.replace(GUARD_POLICY_LINE, GUARD_POLICY_LINE + HARNESS_STUBS, 1)
    text = re.sub(r"(?<![A-Za-z0-9_])_add_test\(", "_staging_bench_add_test(", text)
    return re.sub(r"(?<![A-Za-z0-9_])_set_tests_properties\(", "_staging_bench_set_tests_properties(", text)


# The same stand-ins for a plain CTestTestfile.cmake read by `cmake -P`.
PLAIN_HARNESS = """function(add_test)
endfunction()
function(set_tests_properties)
endfunction()
include([==[{testfile}]==])
"""


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

def prestaged_block(check: str, run_dir: str) -> str:
    """The session and checklist tests as the guard registers them, and the
    CMake variables the prestaged tests use (suite kind "prestaged")."""
    return (f"set(check [==[{check}]==])\n"
            f"set(run_dir [==[{run_dir}]==])\n"
            f"add_test(NAME {SESSION_FIXTURE} COMMAND ${{check}} session --run-dir ${{run_dir}})\n"
            f"set_tests_properties({SESSION_FIXTURE} PROPERTIES FIXTURES_SETUP {SESSION_FIXTURE} "
            f"LABELS {LABEL})\n"
            f"add_test(NAME {CHECKLIST} COMMAND ${{check}} checklist --run-dir ${{run_dir}})\n"
            f"set_tests_properties({CHECKLIST} PROPERTIES FIXTURES_CLEANUP {SESSION_FIXTURE} "
            f"LABELS {LABEL})\n")


def toolkit_block(toolkit: Path) -> str:
    return TOOLKIT.format(modules=(toolkit / "modules").as_posix(), policy=POLICY_CALL)


def suite_project(kind: str, tests: int, toolkit: Path = ROOT, check: str = "",
                  run_dir: str = "", command: str = "$<TARGET_FILE:trivial>") -> str:
    """<tests> trivial tests, each running the same C program.

    kind: "staging" (add_staging_test, the toolkit at <toolkit>), "bare"
    (add_test alone), "exec_floor" (add_test through a static exec wrapper),
    "hand" (add_test plus the toolkit's properties set by hand, and a session
    setup test), "prestaged" (what the guard's hooks make of the staging
    suite, written at configure time: every <command> wrapped in the check
    program <check> with the run directory <run_dir>, the same properties,
    the session and checklist tests).
    """
    text = HEADER.format(name="bench_suite", languages="C CXX")
    if kind == "staging":
        text += toolkit_block(toolkit)
    text += "add_executable(trivial trivial.c)\n"
    loop = f"foreach(i RANGE 1 {tests})\n  {{}}\nendforeach()\n"
    properties = (f"  set_tests_properties(t${{i}} PROPERTIES LABELS {LABEL}\n"
                  f"    FIXTURES_REQUIRED {SESSION_FIXTURE}\n"
                  f"    ENVIRONMENT \"{PLAIN_ENVIRONMENT}\")")
    if kind == "staging":
        text += loop.format("add_staging_test(NAME t${i} COMMAND trivial)")
    elif kind == "bare":
        text += loop.format("add_test(NAME t${i} COMMAND trivial)")
    elif kind == "exec_floor":
        text += ("add_executable(exec_wrapper exec_wrapper.c)\n"
                 "target_link_options(exec_wrapper PRIVATE -static)\n")
        text += loop.format("add_test(NAME t${i} COMMAND exec_wrapper $<TARGET_FILE:trivial>)")
    elif kind == "hand":
        text += (f"add_test(NAME {SESSION_FIXTURE} COMMAND trivial)\n"
                 f"set_tests_properties({SESSION_FIXTURE} PROPERTIES\n"
                 f"  FIXTURES_SETUP {SESSION_FIXTURE} LABELS {LABEL})\n")
        text += loop.format("add_test(NAME t${i} COMMAND trivial)\n" + properties)
    elif kind == "prestaged":
        if not check or not run_dir:
            raise ValueError("a prestaged suite needs the check program and a run directory")
        text += prestaged_block(check, run_dir)
        text += loop.format(
            "add_test(NAME t${i} COMMAND ${check} run --run-dir ${run_dir} --test t${i}\n"
            f"    -- {command})\n" + properties)
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


def gtest_project(staging: bool, sources: list[str], discovery_mode: str | None,
                  toolkit: Path = ROOT) -> str:
    """One GoogleTest binary `cases`, with the guard (add_staging_gtest) or
    without it (gtest_discover_tests)."""
    text = HEADER.format(name="bench_gtest", languages="CXX")
    if staging:
        text += toolkit_block(toolkit)
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
    def __init__(self, cmake: str, work: Path, jobs: int, macro: bool, toolkit: Path = ROOT):
        self.cmake = shutil.which(cmake) or cmake
        ctest = Path(self.cmake).with_name("ctest")
        self.ctest_path = str(ctest) if ctest.exists() else "ctest"
        self.work = work
        self.jobs = jobs
        self.macro = macro
        self.toolkit = toolkit
        out = subprocess.run([self.cmake, "--version"], capture_output=True, text=True, check=True)
        self.version = out.stdout.split()[2]

    def configure(self, source: Path, build: Path, *extra: str) -> Run:
        return run([self.cmake, *extra, "-S", str(source), "-B", str(build), "-G", "Ninja"])

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


# --- What the toolkit leaves behind: checked untimed after each sample ------

def run_directories(build: Path) -> set[str]:
    """The run directories the session keeps (StagingTests/runs/<time>-<random>)."""
    try:
        return {entry.name for entry in (build / "StagingTests" / "runs").iterdir()}
    except FileNotFoundError:
        return set()


def new_run_directory(build: Path, before: set[str]) -> Path:
    """The run directory one ctest invocation made, proved to be a passed
    session's: exactly one new directory, holding session.ok."""
    made = run_directories(build) - before
    if len(made) != 1:
        raise CommandFailed(f"expected one new run directory in {build}/StagingTests/runs, "
                            f"found {sorted(made)}: did the session run?")
    directory = build / "StagingTests" / "runs" / made.pop()
    if not (directory / "session.ok").is_file():
        raise CommandFailed(f"{directory} has no session.ok: the session did not pass")
    return directory


def checked_tests(directory: Path) -> int:
    """How many tests the check program let through in a run directory."""
    try:
        lines = (directory / "tests.log").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    return sum(1 for line in lines if line.startswith("ok "))


def test_shape(test: dict, build: Path | None = None) -> dict:
    """A test of ctest --show-only=json-v1 without what differs between two
    equivalent suites: its backtrace, the run directory (the guard names a
    new one per ctest invocation) and a WORKING_DIRECTORY that is the test's
    own build tree."""
    command = list(test.get("command", []))
    for index, word in enumerate(command[:-1]):
        if word == "--run-dir":
            command[index + 1] = "<run-dir>"
    properties = {item["name"]: item.get("value") for item in test.get("properties", [])}
    if build is not None and properties.get("WORKING_DIRECTORY") == build.as_posix():
        properties["WORKING_DIRECTORY"] = "<build>"
    return {"name": test["name"], "command": command, "properties": properties}


def find_test(listing: dict, name: str) -> dict:
    for test in listing.get("tests", []):
        if test.get("name") == name:
            return test
    raise CommandFailed(f"no test '{name}' in the listing")


def session_regex(listing: dict, *also: str) -> tuple[str, list[str]]:
    """A -R expression selecting the session fixture's setup and clean-up
    tests (the session and the checklist), and the tests <also>. `-R
    staging_session` alone runs only the session: ctest adds a fixture's
    clean-up tests only for tests that require the fixture."""
    names = fixture_tests(listing, SESSION_FIXTURE)
    if SESSION_FIXTURE not in names:
        raise CommandFailed(f"no session test '{SESSION_FIXTURE}' in the listing")
    for name in also:
        find_test(listing, name)
    names += also
    return "^(" + "|".join(re.escape(name) for name in names) + ")$", names


# --- 1. ctest run -------------------------------------------------------------

def bench_ctest_run(tools: Tools) -> Bench:
    tests = 1000
    kinds = {"staging": "staging", "plain": "bare", "floor": "exec_floor"}
    builds: dict[str, Path] = {}
    session: dict[str, list[str]] = {}

    def setup() -> None:
        for variant, kind in kinds.items():
            builds[variant] = prepare(tools, f"run1k_{variant}",
                                      suite_project(kind, tests, tools.toolkit),
                                      {"trivial.c": TRIVIAL_C, "exec_wrapper.c": EXEC_WRAPPER_C})
        _, session["names"] = session_regex(tools.listing(builds["staging"]))

    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            before = run_directories(builds[variant]) if variant == "staging" else set()
            r = tools.ctest(builds[variant], "-j2")
            if variant == "staging":
                checked = checked_tests(new_run_directory(builds[variant], before))
                if checked != tests:
                    raise CommandFailed(f"the check program let {checked} tests through, "
                                        f"not {tests}")
            return Sample(r.seconds, max_rss_kib=r.max_rss_kib, cpu=r.cpu_seconds)
        return once

    def diagnose(quick: bool) -> dict:
        # Where a staging run's time goes: ctest's own per-test times.
        if quick:
            return {}
        junit = tools.work / "run1k_staging.junit.xml"
        tools.ctest(builds["staging"], "-j2", "--output-junit", str(junit))
        times = junit_times(junit)
        ordinary = [seconds for name, seconds in times.items() if name not in session["names"]]
        return {"diagnostics": {
            "one more staging run, per-test times from --output-junit (s)": {
                **{name: times.get(name) for name in session["names"]},
                f"median of the {tests:,} ordinary tests": statistics.median(ordinary)}}}

    return Bench(
        "1", "ctest run, 1,000 trivial tests, -j2",
        "`ctest -j2` on 1,000 add_staging_test() of a trivial C program (the guard, the "
        "session and checklist tests, the check program around every test) against 1,000 "
        "plain add_test() of the same program. After each staging sample (untimed) the "
        "script proves that the session passed and that the check program let all 1,000 "
        "tests through. For information: `1 cpu`, user+system CPU time of ctest and every "
        "test; `1 floor`, the plain tests run through a 5-line static C exec wrapper, the "
        "least any per-test check program can cost.",
        once_only(setup), {v: measure(v) for v in kinds},
        [Row("1", "ctest -j2, 1,000 trivial tests", ("staging", None), ("plain", None), 1.10),
         Row("1 cpu", "… CPU time (user+system, ctest and tests)", ("staging", CPU),
             ("plain", CPU), None),
         Row("1 floor", "… floor: plain through a static exec wrapper", ("floor", None),
             ("plain", None), None)],
        optional=("floor",), diagnose=diagnose)


# --- The 10,000-test suites of 2, 3 and 4 -------------------------------------------

class Suites10k:
    """The 10,000-test suites shared by benchmarks 2, 3 and 4. Only the
    toolkit's is built (its check program): ctest -N runs no test."""
    tests = 10000
    kinds = {"staging": "staging", "hand": "hand", "bare": "bare", "prestaged": "prestaged"}
    # A run directory of the guard's form, <time>-<12 random characters>.
    run_dir_name = "20260101T000000-AbCdEfGhIjKl"

    def __init__(self, tools: Tools):
        self.tools = tools
        self.builds: dict[str, Path] = {}
        self.sources: dict[str, Path] = {}
        self.session_regex = ""
        self.setup = once_only(self._setup)

    def _setup(self) -> None:
        staging_build = project_dirs(self.tools, "suite10k_staging")[1]
        for variant, kind in self.kinds.items():
            name = f"suite10k_{variant}"
            text = suite_project(
                kind, self.tests, self.tools.toolkit,
                check=(staging_build / CHECK_PROGRAM).as_posix(),
                run_dir=(staging_build / "StagingTests" / "runs" / self.run_dir_name).as_posix(),
                command=(staging_build / "trivial").as_posix())
            self.builds[variant] = prepare(self.tools, name, text, {"trivial.c": TRIVIAL_C},
                                           build_it=variant == "staging")
            self.sources[variant] = project_dirs(self.tools, name)[0]
        # The prestaged suite must be what the guard's hooks make of the
        # toolkit's: the same commands and properties, test for test.
        staged = self.tools.listing(self.builds["staging"])
        prestaged = self.tools.listing(self.builds["prestaged"])
        for name in (SESSION_FIXTURE, CHECKLIST, "t1", f"t{self.tests}"):
            a = test_shape(find_test(staged, name), self.builds["staging"])
            b = test_shape(find_test(prestaged, name), self.builds["prestaged"])
            if a != b:
                raise CommandFailed(f"the prestaged suite differs from the staged one at {name}:"
                                    f"\n  staged    {a}\n  prestaged {b}")
        if len(staged["tests"]) != len(prestaged["tests"]):
            raise CommandFailed("the prestaged suite has another number of tests")
        # The checklist fails a run in which no staging test ran: one runs.
        self.session_regex, names = session_regex(staged, "t1")
        log(f"    setup: the first run's tests: {', '.join(names)}")


# --- 2. configure ---------------------------------------------------------------

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
        "values the guard gives. For information, `2 bare`: against add_test() alone.",
        suites.setup, {v: measure(v) for v in ("staging", "hand", "bare")},
        [Row("2", "re-configure, 10,000 tests", ("staging", None), ("hand", None), 1.5),
         Row("2 bare", "… against add_test alone (no properties)", ("staging", None),
             ("bare", None), None)],
        optional=("bare",))


def bench_fresh_configure(tools: Tools) -> Bench:
    tests = 10000
    sources: dict[str, Path] = {}

    def setup() -> None:
        for variant, kind in (("staging", "staging"), ("hand", "hand")):
            source, _ = project_dirs(tools, f"fresh10k_{variant}")
            write(source / "CMakeLists.txt", suite_project(kind, tests, tools.toolkit))
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
        "the projects of #2 configured into an empty build directory: compiler detection and "
        "the toolkit's link-flag probes included, what a first `cmake -S -B` costs (for "
        "information; 3 rounds).",
        once_only(setup), {v: measure(v) for v in ("staging", "hand")},
        [Row("2 fresh", "… first configure (compiler detection included)", ("staging", None),
             ("hand", None), None)],
        quick=False)


# --- 3. the first ctest run after a build ---------------------------------------

SESSION_PART = "ctest -R <session, checklist and t1>"


def bench_session(tools: Tools, suites: Suites10k) -> Bench:
    def staging() -> Sample:
        build = suites.builds["staging"]
        before = run_directories(build)
        r = tools.ctest(build, "-R", suites.session_regex)
        directory = new_run_directory(build, before)
        checked = checked_tests(directory)
        if checked != 1:
            raise CommandFailed(f"{checked} tests other than the session's ran in {directory}, "
                                "expected 1 (t1)")
        return Sample(r.seconds, max_rss_kib=r.max_rss_kib, cpu=r.cpu_seconds)

    def plain() -> Sample:
        r = tools.ctest(suites.builds["hand"], "-N")
        return Sample(r.seconds, max_rss_kib=r.max_rss_kib, cpu=r.cpu_seconds)

    def diagnose(quick: bool) -> dict:
        if quick:
            return {}
        junit = tools.work / "session.junit.xml"
        tools.ctest(suites.builds["staging"], "-R", suites.session_regex,
                    "--output-junit", str(junit))
        return {"diagnostics": {"one more staging run, per-test times from --output-junit (s)":
                                junit_times(junit)}}

    return Bench(
        "3", "first ctest run after a build, 10,000 tests",
        "on the built toolkit suite of #2, `ctest -R '^(staging_session|staging_checklist|t1)$'`: "
        "ctest reads all 10,000 tests through the guard's hooks, then runs the guard's check "
        "of the caller, the session, one trivial test (the checklist fails a run in which no "
        "staging test ran) and the checklist; against a bare `ctest -N` of the "
        "hand-written suite of #2. Nothing carries from one ctest run to the next any more (no "
        "verdict is cached; each run makes its own run directory, which the script checks "
        "after every sample), so every run is a first run.",
        suites.setup, {"staging": staging, "plain": plain},
        [Row("3", "first run: `ctest -R <session+t1+checklist>` vs plain `ctest -N`",
             ("staging", None), ("plain", None), 1.5),
         Row("3 cpu", "… CPU time (user+system)", ("staging", CPU), ("plain", CPU), None)],
        diagnose=diagnose)


# --- 4. loading the suite ------------------------------------------------------

def bench_load(tools: Tools, suites: Suites10k) -> Bench:
    def measure(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            r = tools.ctest(suites.builds[variant], "-N")
            return Sample(r.seconds, max_rss_kib=r.max_rss_kib, cpu=r.cpu_seconds)
        return once

    return Bench(
        "4", "loading 10,000 tests, ctest -N",
        "`ctest -N` of the built toolkit suite (the guard runs, and its hooks stage each test "
        "as ctest reads it) against `ctest -N` of a plain project whose CTestTestfile.cmake "
        "already holds what the hooks make (the commands wrapped in the check program, the "
        "label, the fixture, the forced ENVIRONMENT, the session and checklist tests; the "
        "setup proves the two listings equal). For information: `4 bare`, against plain "
        "add_test() without properties; `4 props`, what ctest pays for the properties "
        "themselves (prestaged against bare).",
        suites.setup, {v: measure(v) for v in ("staging", "prestaged", "bare")},
        [Row("4", "ctest -N, 10,000 tests: guard's hooks vs prestaged", ("staging", None),
             ("prestaged", None), 1.3),
         Row("4 cpu", "… CPU time (user+system)", ("staging", CPU), ("prestaged", CPU), None),
         Row("4 bare", "… toolkit vs plain add_test without properties", ("staging", None),
             ("bare", None), None),
         Row("4 props", "… prestaged vs plain add_test without properties", ("prestaged", None),
             ("bare", None), None)],
        optional=("bare",))


# --- 5. GoogleTest in-process -------------------------------------------------------

def bench_gtest_run(tools: Tools) -> Bench:
    cases = 10000
    binaries: dict[str, Path] = {}

    def setup() -> None:
        sources = write_cases(tools.work / "cases10k", cases, tools.macro, per_file=2500)
        for variant in ("staging", "plain"):
            build = prepare(tools, f"gtest10k_{variant}",
                            gtest_project(variant == "staging", sources, "PRE_TEST",
                                          tools.toolkit),
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
        return {"rows": [{"id": "5 instr", "unit": "instructions",
                          "title": "… instructions executed (callgrind, one run each)",
                          "comparison": comparison}],
                "diagnostics": {"instructions (callgrind)": counts}}

    return Bench(
        "5", "GoogleTest, 10,000 cases in one binary",
        "the test binary run directly, all 10,000 trivial cases in-process, output to "
        "/dev/null: linked with the guard by add_staging_gtest() against the same sources "
        "without it (gtest_discover_tests); both DISCOVERY_MODE PRE_TEST, so the build does "
        "not list them. A run lasts tens of milliseconds, so it has 3× the rounds; `5 cpu` "
        "(user+system time) and `5 instr` (instructions, callgrind, if valgrind is "
        "installed) are steadier.",
        once_only(setup), {v: measure(v) for v in ("staging", "plain")},
        [Row("5", "GoogleTest binary, 10,000 cases in-process", ("staging", None),
             ("plain", None), 1.05),
         Row("5 cpu", "… CPU time (user+system)", ("staging", CPU), ("plain", CPU), None)],
        rounds_factor=3, diagnose=diagnose)


# --- 6. GoogleTest discovery --------------------------------------------------------

def bench_discovery(tools: Tools) -> Bench:
    cases = 2000
    builds: dict[str, Path] = {}
    anchors: dict[str, Path] = {}

    def setup() -> None:
        sources = write_cases(tools.work / "cases2k", cases, tools.macro, per_file=1000)
        for variant in ("staging", "plain"):
            name = f"discovery2k_{variant}"
            builds[variant] = prepare(tools, name,
                                      gtest_project(variant == "staging", sources, None,
                                                    tools.toolkit),
                                      {"anchor.cpp": ANCHOR_CPP})
            anchors[variant] = project_dirs(tools, name)[0] / "anchor.cpp"
        # The discovered cases are staged when ctest reads them.
        case = test_shape(find_test(tools.listing(builds["staging"]), "Suite0.case0"))
        if not case["command"] or not case["command"][0].endswith("staging_tests_check"):
            raise CommandFailed(f"a discovered case is not staged: {case}")

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
                          {"build (recompile, relink, discovery)": built.seconds,
                           "ctest -N": listing.seconds},
                          listing.max_rss_kib, built.cpu_seconds + listing.cpu_seconds)
        return once

    return Bench(
        "6", "discovery, 2,000 cases",
        "touch a one-line source, `cmake --build` (recompile it, relink, POST_BUILD "
        "discovery) plus `ctest -N`: add_staging_gtest() against plain gtest_discover_tests(). "
        "Each sample checks that discovery rewrote the tests file. A sample lasts about a "
        "second, so it has 2× the rounds; `6 cpu` is its CPU time.",
        once_only(setup), {v: measure(v) for v in ("staging", "plain")},
        [Row("6", "GoogleTest discovery, 2,000 cases: build + `ctest -N`", ("staging", None),
             ("plain", None), 1.1),
         Row("6 cpu", "… CPU time (user+system)", ("staging", CPU), ("plain", CPU), None)],
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
# Profiles (--profile): where the CMake-language time goes, untimed
# --------------------------------------------------------------------------

def profile_trace(tools: Tools, command: list[str], output: Path, cwd: Path | None = None) -> list:
    run([tools.cmake, "--profiling-format=google-trace", f"--profiling-output={output}",
         *command], cwd=cwd)
    return json.loads(output.read_text(encoding="utf-8"))


def run_profiles(tools: Tools, suites: Suites10k) -> dict:
    """Google-trace profiles of the re-configure of #2 (both projects) and of
    the guard's work while ctest reads the toolkit suite of #4, run by cmake
    on the same CMake code (guard_harness); the prestaged CTestTestfile.cmake
    read the same way for comparison."""
    suites.setup()
    out = tools.work / "profiles"
    out.mkdir(parents=True, exist_ok=True)
    short = {tools.toolkit.as_posix() + "/": "<toolkit>/", tools.work.as_posix() + "/": ""}
    profiles = {}
    for variant in ("staging", "hand"):
        events = profile_trace(tools, ["-S", str(suites.sources[variant]),
                                       "-B", str(suites.builds[variant])],
                               out / f"configure_{variant}.json")
        for key in ("name", "location"):
            profiles[f"configure {variant}, by {key}"] = shorten_locations(
                trace_summary(events, key), short)

    state = suites.builds["staging"] / "StagingTests"
    harness = out / "guard"
    harness.mkdir(exist_ok=True)
    for name in ("guard-data.cmake", "rules.cmake"):
        shutil.copyfile(state / name, harness / name)
    write(harness / "guard.cmake", guard_harness((state / "guard.cmake").read_text(encoding="utf-8")))
    testfile = (suites.builds["staging"] / "CTestTestfile.cmake").read_text(encoding="utf-8")
    original = f'include("{(state / "guard.cmake").as_posix()}")'
    if original not in testfile:
        raise CommandFailed(f"CTestTestfile.cmake does not include {original}")
    write(harness / "CTestTestfile.cmake",
          testfile.replace(original, f'include("{(harness / "guard.cmake").as_posix()}")', 1))
    events = profile_trace(tools, ["-P", "CTestTestfile.cmake"], out / "load_staging.json",
                           cwd=harness)
    short[harness.as_posix() + "/"] = "<guard>/"
    for key in ("name", "location"):
        profiles[f"ctest load (guard under cmake -P), by {key}"] = shorten_locations(
            trace_summary(events, key), short)
    plain = out / "plain_harness.cmake"
    write(plain, PLAIN_HARNESS.format(
        testfile=(suites.builds["prestaged"] / "CTestTestfile.cmake").as_posix()))
    events = profile_trace(tools, ["-P", str(plain)], out / "load_prestaged.json")
    profiles["ctest load of the prestaged suite (cmake -P), by name"] = shorten_locations(
        trace_summary(events, "name"), short)
    return profiles


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 rounds, no warm-up round, no floors, diagnostics or fresh configure")
    parser.add_argument("--cmake", default="cmake",
                        help="the cmake to use; ctest is taken from the same directory")
    parser.add_argument("--toolkit", type=Path, default=ROOT,
                        help=f"the StagingTests tree to measure (default {ROOT}): a copy with "
                             "a change to try")
    parser.add_argument("--out", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help=f"scratch directory, emptied first (default {DEFAULT_WORK})")
    parser.add_argument("--rounds", type=int,
                        help="rounds per comparison (default 7, --quick 3; #5 runs 3×, #6 2×)")
    parser.add_argument("--only", default="",
                        help="comma-separated benchmark numbers, e.g. 2,4 (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="build parallelism (default 2)")
    parser.add_argument("--macro-tests", action="store_true",
                        help="stamp real TEST() macros instead of RegisterTest (slow to compile)")
    parser.add_argument("--profile", action="store_true",
                        help="after the measurements, profile the configure of #2 and the "
                             "guard's load of #4 (cmake --profiling-format=google-trace)")
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


def toolkit_directory(toolkit: Path) -> Path:
    toolkit = toolkit.resolve()
    if not (toolkit / "modules" / "StagingTests.cmake").is_file():
        raise SystemExit(f"--toolkit {toolkit}: no modules/StagingTests.cmake there")
    return toolkit


def cmake_value(path: Path, name: str) -> str | None:
    """The value of set(<name> "<value>") in a CMake file CMake wrote."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(rf'set\({re.escape(name)} "([^"]*)"', text)
    return match.group(1) if match else None


def toolchain(work: Path) -> dict:
    """Compiler, Ninja and GoogleTest versions, from the configured projects."""
    found: dict[str, str] = {}
    for compiler in sorted(work.glob("*/build/CMakeFiles/*/CMakeCXXCompiler.cmake"))[:1]:
        found["cxx"] = " ".join(filter(None, (cmake_value(compiler, "CMAKE_CXX_COMPILER_ID"),
                                              cmake_value(compiler, "CMAKE_CXX_COMPILER_VERSION"))))
    for cache in sorted(work.glob("*/build/CMakeCache.txt")):
        match = re.search(r"^GTest_DIR:PATH=(.*)$", cache.read_text(errors="replace"), re.M)
        if match:
            version = cmake_value(Path(match.group(1)) / "GTestConfigVersion.cmake",
                                  "PACKAGE_VERSION")
            if version:
                found["gtest"] = version
            break
    ninja = shutil.which("ninja")
    if ninja:
        found["ninja"] = subprocess.run([ninja, "--version"], capture_output=True,
                                        text=True).stdout.strip()
    return found


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    load_at_start = load_average()
    rounds = args.rounds or (3 if args.quick else 7)
    warmup = 0 if args.quick else 1
    wanted = {item.strip() for item in args.only.split(",") if item.strip()}

    work = safe_work_directory(args.work)
    toolkit = toolkit_directory(args.toolkit)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    tools = Tools(args.cmake, work, args.jobs, args.macro_tests, toolkit)
    log(f"StagingTests benchmarks: CMake {tools.version}, toolkit {toolkit}, "
        f"scratch directory {work}")
    suites = Suites10k(tools)
    benches = [bench_ctest_run(tools), bench_configure(tools, suites),
               bench_fresh_configure(tools), bench_session(tools, suites),
               bench_load(tools, suites), bench_gtest_run(tools), bench_discovery(tools)]
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
    measured = time.perf_counter() - started
    load_at_end = load_average()

    profiles = {}
    if args.profile:
        log("profiles: configure of #2, the guard's load of #4 (untimed)")
        profiles = run_profiles(tools, suites)

    elapsed = time.perf_counter() - started
    versions = toolchain(work)
    report = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cmake": tools.version,
        "generator": "Ninja",
        "toolchain": versions,
        "toolkit": str(toolkit),
        "host": {"machine": platform.machine(), "cpus": os.cpu_count(),
                 "system": platform.platform(), "python": platform.python_version(),
                 "load_average_at_start": load_at_start,
                 "load_average_at_end": load_at_end},
        "quick": args.quick,
        "rounds": rounds,
        "warmup_rounds": warmup,
        "gtest_cases": "TEST() macros" if args.macro_tests else "testing::RegisterTest",
        "elapsed_seconds": round(elapsed, 1),
        "measured_seconds": round(measured, 1),
        "benchmarks": results,
    }
    if profiles:
        report["profiles"] = profiles
    print(f"\nStagingTests benchmarks, {report['date']}: CMake {tools.version}, "
          f"{versions.get('cxx', 'C++ compiler ?')}, Ninja {versions.get('ninja', '?')}, "
          f"GoogleTest {versions.get('gtest', '?')}, {os.cpu_count()} CPUs, {rounds} rounds"
          f"{' (--quick)' if args.quick else ''}, load average (1/5/15 min) "
          f"{'/'.join(map(str, load_at_start))} at the start, "
          f"{'/'.join(map(str, load_at_end))} at the end, {measured:.0f} s in all\n")
    if toolkit != ROOT:
        print(f"toolkit: {toolkit}\n")
    print(format_table(all_rows(results)))
    details = format_details(results)
    if details:
        print("\n" + details)
    for title, summary in profiles.items():
        print("\n" + format_trace_summary(title, summary))
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
