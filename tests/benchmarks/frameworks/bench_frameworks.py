#!/usr/bin/env python3
"""What add_staging_catch() / add_staging_doctest() and their guards cost, against
the framework alone.

    python3 tests/benchmarks/frameworks/bench_frameworks.py
        --framework catch2-v3|catch2-v2|doctest-2.4|doctest-2.5 [--rounds N]
        [--build-type <type>] [--cmake <cmake>] [--toolkit <dir>] [--jobs N]
        [--no-callgrind] [--work <dir>] [--keep] [--out results.json]

  discovery  2,000 test cases: touch a one-line source, `cmake --build`
             (recompile it, relink, POST_BUILD discovery), then `ctest -N`:
             add_staging_catch/doctest() against catch/doctest_discover_tests().
             Target <= 1.10x.
  guard      one binary, 10,000 trivial cases, run directly: linked with the
             framework's guard against the same sources without it, and (for
             information) with an empty listener and no guard. Target <= 1.05x.

The method, statistics and table are run_benchmarks.py's (one untimed round,
then the variants in turn, the order reversed every other round; the number
judged is the ratio of the medians); tests/benchmarks/frameworks/README.md has
the results. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from run_benchmarks import (  # noqa: E402  (the sibling script: its helpers, unchanged)
    ANCHOR_CPP, CPU, ENV, HEADER, ROOT, Bench, CommandFailed, Row, Sample, Tools, all_rows,
    callgrind_instructions, compare, find_test, format_cell, format_details, format_table,
    load_average, log, once_only, prepare, run, run_bench, safe_work_directory, test_shape,
    toolchain, toolkit_block, toolkit_directory, touch, write, write_json)

THIRD_PARTY = ROOT.parent / "shared" / "third_party"
DISCOVERED_CASES = 2000
CASES_PER_FILE = 500
IN_PROCESS_CASES = 10000


@dataclass(frozen=True)
class Framework:
    family: str        # catch2 | doctest: the toolkit's function and guard
    version: str       # the preprocessor test that the right headers are used
    include: str       # what a case source includes
    library: str       # CMake: target `framework`, the library with main(), built once
    usage: str         # CMake: makes the imported `framework` usable, includes the module
    main: str = ""     # main.cpp of the library, if it has one
    listener: str = ""  # an empty listener (for the floor row)

    @property
    def discover(self) -> str:
        return {"catch2": "catch_discover_tests", "doctest": "doctest_discover_tests"}[self.family]

    @property
    def staging(self) -> str:
        return {"catch2": "add_staging_catch", "doctest": "add_staging_doctest"}[self.family]


CATCH2_LISTENER = """
#if CATCH_VERSION_MAJOR >= 3
using Base = Catch::EventListenerBase;
#else
using Base = Catch::TestEventListenerBase;
#endif
struct EmptyListener final : Base {
  using Base::Base;
  void testRunStarting(const Catch::TestRunInfo& info) override { Base::testRunStarting(info); }
  void testCaseStarting(const Catch::TestCaseInfo& info) override { Base::testCaseStarting(info); }
  void testCaseEnded(const Catch::TestCaseStats& stats) override { Base::testCaseEnded(stats); }
};
CATCH_REGISTER_LISTENER(EmptyListener)
"""

# Every event the doctest guard overrides, empty.
DOCTEST_LISTENER = """
struct EmptyListener final : doctest::IReporter {
  explicit EmptyListener(const doctest::ContextOptions&) {}
  void test_run_start() override {}
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("empty", 1, EmptyListener);
"""

# As TEST_CASE() registers a case (one registration each), at start-up, so
# that 10,000 cases compile in seconds. {i}: the index; names[i] outlives it.
REGISTER = {
    "catch2": "Catch::AutoReg(Catch::makeTestInvoker(&trivial), CATCH_INTERNAL_LINEINFO, "
              "Catch::StringRef(), Catch::NameAndTags{Catch::StringRef(names[i]), "
              "Catch::StringRef()});",
    "doctest": "doctest::detail::regTest(doctest::detail::TestCase(&trivial, __FILE__, "
               "static_cast<unsigned>(i + 1), doctest_detail_test_suite_ns::getCurrentTestSuite())"
               " * names[i].c_str());",
}

V3 = (THIRD_PARTY / "catch2-3.7.1" / "extras").as_posix()
D25 = (THIRD_PARTY / "doctest-2.5.2").as_posix()
DOCTEST_MAIN = "#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN\n#include <doctest/doctest.h>\n"

FRAMEWORKS = {
    "catch2-v3": Framework(
        "catch2", "CATCH_VERSION_MAJOR == 3", "#include <catch_amalgamated.hpp>\n",
        f'add_library(framework STATIC "{V3}/catch_amalgamated.cpp")\n'
        f'target_include_directories(framework PUBLIC "{V3}")\n',
        f'target_include_directories(framework INTERFACE "{V3}")\n'
        f'list(APPEND CMAKE_MODULE_PATH "{V3}")\ninclude(Catch)\n',
        listener=CATCH2_LISTENER),
    "catch2-v2": Framework(
        "catch2", "CATCH_VERSION_MAJOR == 2",
        # A listener outside main()'s file needs the external interfaces.
        "#define CATCH_CONFIG_EXTERNAL_INTERFACES\n#include <catch2/catch.hpp>\n",
        "find_package(Catch2 2 CONFIG REQUIRED)\nadd_library(framework STATIC main.cpp)\n"
        "target_link_libraries(framework PUBLIC Catch2::Catch2)\n",
        "find_package(Catch2 2 CONFIG REQUIRED)\n"
        "target_link_libraries(framework INTERFACE Catch2::Catch2)\ninclude(Catch)\n",
        main="#define CATCH_CONFIG_MAIN\n#include <catch2/catch.hpp>\n",
        listener=CATCH2_LISTENER),
    "doctest-2.4": Framework(
        "doctest", "DOCTEST_VERSION_MAJOR == 2 && DOCTEST_VERSION_MINOR == 4",
        "#include <doctest/doctest.h>\n",
        "find_package(doctest 2.4 CONFIG REQUIRED)\nadd_library(framework STATIC main.cpp)\n"
        "target_link_libraries(framework PUBLIC doctest::doctest)\n",
        "find_package(doctest 2.4 CONFIG REQUIRED)\n"
        "target_link_libraries(framework INTERFACE doctest::doctest)\ninclude(doctest)\n",
        main=DOCTEST_MAIN, listener=DOCTEST_LISTENER),
    "doctest-2.5": Framework(
        "doctest", "DOCTEST_VERSION_MAJOR == 2 && DOCTEST_VERSION_MINOR == 5",
        "#include <doctest/doctest.h>\n",
        "add_library(framework STATIC main.cpp)\n"
        f'target_include_directories(framework PUBLIC "{D25}")\n',
        f'target_include_directories(framework INTERFACE "{D25}")\n'
        f'list(APPEND CMAKE_MODULE_PATH "{D25}/scripts/cmake")\ninclude(doctest)\n',
        main=DOCTEST_MAIN, listener=DOCTEST_LISTENER),
}


# --- The projects -----------------------------------------------------------------

def header(fw: Framework) -> str:
    """What every source starts with: the framework, proved to be the intended one."""
    return f"{fw.include}#if !({fw.version})\n#error not the framework version measured\n#endif\n"


def sources(fw: Framework) -> dict[str, str]:
    files = {f"cases_{n}.cpp": header(fw) + "".join(
        f'TEST_CASE("case {i}") {{}}\n'
        for i in range(n * CASES_PER_FILE, (n + 1) * CASES_PER_FILE))
        for n in range(DISCOVERED_CASES // CASES_PER_FILE)}
    files["in_process.cpp"] = header(fw) + f"""#include <string>
#include <vector>

namespace {{
void trivial() {{}}

const bool registered = [] {{
  static std::vector<std::string> names;
  names.reserve({IN_PROCESS_CASES});  // no reallocation: the framework keeps pointers
  for (int i = 0; i < {IN_PROCESS_CASES}; ++i) {{
    names.push_back("case " + std::to_string(i));
    {REGISTER[fw.family]}
  }}
  return true;
}}();
}}  // namespace
"""
    files["listener.cpp"] = header(fw) + "\nnamespace {\n" + fw.listener + "}  // namespace\n"
    return files


def preamble(name: str, build_type: str) -> str:
    build_type_line = f"set(CMAKE_BUILD_TYPE {build_type})\n" if build_type else ""
    return (HEADER.format(name=name, languages="CXX") + build_type_line
            + "set(CMAKE_CXX_STANDARD 17)\n")


def bench_project(fw: Framework, staging: bool, library: Path, cases: Path, toolkit: Path,
                  build_type: str) -> str:
    """`discovered` (2,000 cases, discovered after the build) and `in_process`
    (10,000 cases, never registered with ctest: run directly); the plain
    project also builds `in_process_listener` (with the empty listener)."""
    text = preamble("bench_framework", build_type)
    text += toolkit_block(toolkit) if staging else ""
    text += ("add_library(framework STATIC IMPORTED)\n"
             "set_target_properties(framework PROPERTIES IMPORTED_LOCATION "
             f'"{library.as_posix()}")\n')
    text += fw.usage
    case_files = " ".join(f'"{cases.as_posix()}/cases_{n}.cpp"'
                          for n in range(DISCOVERED_CASES // CASES_PER_FILE))
    text += f"add_executable(discovered anchor.cpp {case_files})\n"
    text += "target_link_libraries(discovered PRIVATE framework)\n"
    text += f"{fw.staging if staging else fw.discover}(discovered)\n"
    text += f'add_executable(in_process "{cases.as_posix()}/in_process.cpp")\n'
    guard = f" StagingTests::{fw.family}_guard" if staging else ""
    text += f"target_link_libraries(in_process PRIVATE framework{guard})\n"
    if not staging:
        text += (f'add_executable(in_process_listener "{cases.as_posix()}/in_process.cpp" '
                 f'"{cases.as_posix()}/listener.cpp")\n'
                 "target_link_libraries(in_process_listener PRIVATE framework)\n")
    return text


def exit_code(binary: Path, environment: str) -> int:
    """The binary's exit code under ENVIRONMENT=<environment>, output discarded."""
    return subprocess.run([str(binary)], env={**ENV, "ENVIRONMENT": environment},
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def tests_files(build: Path) -> dict[Path, int]:
    """The discovered tests files (catch_ and doctest_discover_tests name them
    differently) and their modification times."""
    return {path: path.stat().st_mtime_ns for path in build.glob("discovered*tests*.cmake")}


def case_names(listing: dict) -> list[str]:
    return [test["name"] for test in listing.get("tests", []) if test["name"].startswith("case ")]


# --- The benchmarks -----------------------------------------------------------------

def benches(tools: Tools, fw: Framework, build_type: str) -> list[Bench]:
    builds: dict[str, Path] = {}
    binaries: dict[str, Path] = {}

    def setup() -> None:
        library_build = prepare(tools, "framework", preamble("framework", build_type) + fw.library,
                                {"main.cpp": fw.main} if fw.main else {})
        cases = tools.work / "cases"
        for name, text in sources(fw).items():
            write(cases / name, text)
        for variant in ("staging", "plain"):
            builds[variant] = prepare(
                tools, variant, bench_project(fw, variant == "staging",
                                              library_build / "libframework.a", cases,
                                              tools.toolkit, build_type),
                {"anchor.cpp": ANCHOR_CPP})
        binaries.update(staging=builds["staging"] / "in_process",
                        plain=builds["plain"] / "in_process",
                        listener=builds["plain"] / "in_process_listener")
        # Untimed: both suites list the same cases, the toolkit's are staged,
        # and the guard is in the staging binary only.
        listings = {variant: tools.listing(build) for variant, build in builds.items()}
        counts = {variant: len(case_names(listing)) for variant, listing in listings.items()}
        if set(counts.values()) != {DISCOVERED_CASES}:
            raise CommandFailed(f"expected {DISCOVERED_CASES} discovered cases: {counts}")
        command = test_shape(find_test(listings["staging"], "case 0"))["command"]
        if not command or not command[0].endswith("staging_tests_check"):
            raise CommandFailed(f"a discovered case is not staged: {command}")
        for variant, binary in binaries.items():
            if exit_code(binary, "staging") != 0:
                raise CommandFailed(f"{binary} fails under ENVIRONMENT=staging")
            if (exit_code(binary, "production") != 0) != (variant == "staging"):
                raise CommandFailed(f"{binary} under ENVIRONMENT=production: the guard is "
                                    f"{'missing' if variant == 'staging' else 'present'}")

    def discovery(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            build = builds[variant]
            before = tests_files(build)
            touch(build.parent / "src" / "anchor.cpp")
            built = tools.build(build)
            if not any(before.get(path) != stamp for path, stamp in tests_files(build).items()):
                raise CommandFailed(f"{build}: no tests file was rewritten: discovery did not run")
            listing = tools.ctest(build, "-N")
            return Sample(built.seconds + listing.seconds,
                          {"build (recompile, relink, discovery)": built.seconds,
                           "ctest -N": listing.seconds, "ctest -N, CPU": listing.cpu_seconds},
                          listing.max_rss_kib, built.cpu_seconds + listing.cpu_seconds)
        return once

    def in_process(variant: str) -> Callable[[], Sample]:
        def once() -> Sample:
            r = run([str(binaries[variant])], cwd=binaries[variant].parent)
            return Sample(r.seconds, cpu=r.cpu_seconds)
        return once

    def instructions(quick: bool) -> dict:
        counts = {} if quick else {v: callgrind_instructions([str(b)], b.parent)
                                   for v, b in binaries.items()}
        if not counts or None in counts.values():
            return {}
        rows = [("guard instr", "… instructions (callgrind, one run each)", "staging", "plain"),
                ("guard instr vs listener", "… guard vs empty listener, instructions",
                 "staging", "listener"),
                ("listener instr", "… empty listener vs plain, instructions",
                 "listener", "plain")]
        return {"rows": [{"id": key, "title": title, "unit": "instructions",
                          "comparison": compare([counts[a]], [counts[b]], None)}
                         for key, title, a, b in rows],
                "diagnostics": {"instructions (callgrind)": counts,
                                "instructions per case (guard minus other)": {
                                    f"vs {other}": (counts["staging"] - counts[other])
                                    / IN_PROCESS_CASES for other in ("plain", "listener")}}}

    setup_once = once_only(setup)
    return [
        Bench("discovery", f"discovery, {DISCOVERED_CASES:,} cases",
              f"touch, build (discovery), ctest -N: {fw.staging}() against {fw.discover}()",
              setup_once, {v: discovery(v) for v in ("staging", "plain")},
              [Row("discovery", f"discovery, {DISCOVERED_CASES:,} cases: build + `ctest -N`",
                   ("staging", None), ("plain", None), 1.10),
               Row("discovery cpu", "… CPU time (user+system)", ("staging", CPU),
                   ("plain", CPU), None)],
              rounds_factor=2),
        Bench("guard", f"guard, {IN_PROCESS_CASES:,} cases in-process",
              "the binary run directly: with the guard, without it, with an empty listener",
              setup_once, {v: in_process(v) for v in ("staging", "plain", "listener")},
              [Row("guard", f"guard, {IN_PROCESS_CASES:,} cases in-process", ("staging", None),
                   ("plain", None), 1.05),
               Row("guard cpu", "… CPU time (user+system)", ("staging", CPU), ("plain", CPU),
                   None),
               Row("guard vs listener", "… guard vs an empty listener (no guard)",
                   ("staging", None), ("listener", None), None),
               Row("listener", "… floor: an empty listener vs plain", ("listener", None),
                   ("plain", None), None)],
              rounds_factor=3, diagnose=instructions),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--framework", choices=sorted(FRAMEWORKS), required=True)
    parser.add_argument("--rounds", type=int, default=5,
                        help="rounds (default 5; discovery runs 2x, guard 3x)")
    parser.add_argument("--build-type", default="",
                        help="CMAKE_BUILD_TYPE of the framework and the projects (default none)")
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--toolkit", type=Path, default=ROOT)
    parser.add_argument("--jobs", type=int, default=2, help="build parallelism (default 2)")
    parser.add_argument("--no-callgrind", action="store_true", help="skip the instruction counts")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir())
                        / "staging-tests-bench-frameworks")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    fw = FRAMEWORKS[args.framework]

    started = time.perf_counter()
    load_at_start = load_average()
    work = safe_work_directory(args.work) / args.framework
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    tools = Tools(args.cmake, work, args.jobs, False, toolkit_directory(args.toolkit))
    log(f"{args.framework}: CMake {tools.version}, scratch directory {work}; setup")
    results = []
    for bench in benches(tools, fw, args.build_type):
        log(f"[{bench.id}] {bench.title}")
        results.append(run_bench(bench, args.rounds * bench.rounds_factor, 1, args.no_callgrind))
        for row in results[-1]["rows"]:
            c = row["comparison"]
            log(f"    {row['id']}: {c['ratio']:.2f}x  toolkit "
                f"{format_cell(c['staging'], row.get('unit', 'seconds'))}")
    load_at_end = load_average()
    versions = toolchain(work)
    report = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
              "framework": args.framework, "build_type": args.build_type or "(none)",
              "cmake": tools.version, "toolchain": versions, "cpus": os.cpu_count(),
              "load_average_at_start": load_at_start, "load_average_at_end": load_at_end,
              "rounds": args.rounds, "elapsed_seconds": round(time.perf_counter() - started, 1),
              "benchmarks": results}
    print(f"\n{args.framework}, {report['date']}: CMake {tools.version}, "
          f"{versions.get('cxx', '?')}, Ninja {versions.get('ninja', '?')}, build type "
          f"{report['build_type']}, {os.cpu_count()} CPUs, {args.rounds} rounds, load average "
          f"(1/5/15 min) {'/'.join(map(str, load_at_start))} at the start, "
          f"{'/'.join(map(str, load_at_end))} at the end, {report['elapsed_seconds']:.0f} s\n")
    print(format_table(all_rows(results)))
    print("\n" + format_details(results))
    if args.out:
        write_json(args.out, report)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CommandFailed as error:
        log(f"benchmark command failed: {error}")
        sys.exit(1)
