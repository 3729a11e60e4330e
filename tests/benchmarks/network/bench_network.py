#!/usr/bin/env python3
"""What the network guard (the preloaded libstaging_tests_preload.so) costs.

    python3 tests/benchmarks/network/bench_network.py [--quick] [--rounds N]
        [--connects N] [--lookups N] [--starts N] [--cmake <cmake>]
        [--toolkit <dir>] [--jobs N] [--work <dir>] [--keep] [--out results.json]

  N1  100,000 TCP connects to a loopback listener, in one process
  N2  100,000 getaddrinfo("127.0.0.1"), in one process
  N3  100,000 getaddrinfo("localhost") (from /etc/hosts), in one process
      guarded (LD_PRELOAD of the library, STAGING_TESTS_GUARDS=network) against
      unguarded (no LD_PRELOAD). Target <= 1.05x.
  N4  a test's start: 2,000 fork + execve + wait4 of a trivial dynamic
      program each way, its environment with and without the library and the
      guard, alternated start by start in one process (and, for information,
      the library without the guard, and plain against plain: the noise
      floor). Target: <= 0.1 ms more per start.

It configures and builds a small consumer project with the toolkit
(staging_tests_configure(), as run_benchmarks.py does) and takes the library
from its <build>/StagingTests/. The loops are in netloop.c and time themselves
(the loop only, not the program's start). The method, statistics and table are
run_benchmarks.py's: one untimed round, then the variants in turn, the order
reversed every other round; the number judged is the ratio of the medians.
Results are reported, not enforced: the exit code is 0 whatever the figures.
tests/benchmarks/network/README.md has the results. Python 3.11 standard
library only.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from run_benchmarks import (  # noqa: E402  (the sibling script: its helpers, unchanged)
    CPU, ENV, HEADER, ROOT, TRIVIAL_C, Bench, CommandFailed, Row, Sample, Tools, all_rows,
    format_table, load_average, log, once_only, prepare, run_bench, safe_work_directory,
    summarize, toolchain, toolkit_block, toolkit_directory, write_json)

HERE = Path(__file__).resolve().parent
DEFAULT_WORK = Path(tempfile.gettempdir()) / "staging-tests-bench-network"
LIBRARY = "libstaging_tests_preload.so"  # in <build>/StagingTests/
TEST_NAME = "bench_network"
# A name the default policy's words refuse: the untimed check that the guard
# is on in the guarded variants. Refused before any lookup, so no DNS query.
REFUSED_NAME = "engram-prod-vault.vault.azure.net"
LOOP_TARGET = 1.05
# N4's pairs: (tested side, the side it is measured against), alternated start
# by start; "aa" is plain against plain, the noise floor of the method.
PAIRS = {"guarded": ("guarded", "plain"), "off": ("loaded", "plain"), "aa": ("plain", "plain")}
START_TARGET_US = 100.0


def base_environment() -> dict:
    """run_benchmarks.py's environment (no forced variables, no
    STAGING_TESTS_*), without a preload of the caller's."""
    return {name: value for name, value in ENV.items() if name != "LD_PRELOAD"}


def variant_entries(variant: str, library: Path, run_dir: Path) -> dict[str, str]:
    """The environment entries a variant adds.

    guarded: what the check program gives a staged test with the network
    guard on; loaded: the library preloaded, no guard switched on (its
    interposition alone); plain: no library. All three carry the test's name
    and run directory, which the check program sets for every staged test.
    """
    entries = {"STAGING_TESTS_TEST": TEST_NAME, "STAGING_TESTS_RUN_DIR": str(run_dir)}
    if variant in ("guarded", "loaded"):
        entries["LD_PRELOAD"] = str(library)
    if variant == "guarded":
        entries["STAGING_TESTS_GUARDS"] = "network"
    if variant not in ("guarded", "loaded", "plain"):
        raise ValueError(variant)
    return entries


def parse_numbers(text: str, count: int) -> list[float]:
    """netloop's "<wall seconds> <cpu seconds>" (spawn: twice)."""
    words = text.split()
    try:
        if len(words) == count:
            return [float(word) for word in words]
    except ValueError:
        pass
    raise CommandFailed(f"netloop printed {text!r}, not {count} numbers")


def parse_loop_output(text: str) -> tuple[float, float]:
    wall, cpu = parse_numbers(text, 2)
    return wall, cpu


def per_start_us(guarded: list[float], plain: list[float], starts: int) -> dict:
    """What the guard adds to one start, in microseconds: the difference of the
    medians of the loop times over the number of starts, and the per-round
    differences (the two variants of the same round)."""
    if len(guarded) != len(plain) or not guarded or starts <= 0:
        raise ValueError("paired, non-empty samples and a positive count needed")
    median = (statistics.median(guarded) - statistics.median(plain)) / starts * 1e6
    paired = summarize([(g - p) / starts * 1e6 for g, p in zip(guarded, plain)])
    return {"difference_us": median, "paired_us": paired,
            "guarded_us": statistics.median(guarded) / starts * 1e6,
            "plain_us": statistics.median(plain) / starts * 1e6,
            "target_us": START_TARGET_US, "met": median <= START_TARGET_US}


def format_start_table(rows: list[dict]) -> str:
    lines = ["| # | per start | tested: median | unguarded: median | difference | "
             "paired differences [min–max] | target | met |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        s = row["start"]
        met = "yes" if s["met"] else "**NO**"
        lines.append(f"| {row['id']} | {row['title']} | {s['guarded_us']:.0f} µs "
                     f"| {s['plain_us']:.0f} µs | **{s['difference_us']:+.0f} µs** "
                     f"| {s['paired_us']['min']:+.0f} – {s['paired_us']['max']:+.0f} µs "
                     f"| ≤ {s['target_us']:.0f} µs | {met} |")
    return "\n".join(lines)


def consumer_project(toolkit: Path) -> str:
    """A consumer of the toolkit: the two programs, and one staged test so
    that the project is what a team writes."""
    return (HEADER.format(name="bench_network", languages="C CXX") + toolkit_block(toolkit)
            + "add_executable(netloop netloop.c)\n"
              "add_executable(trivial trivial.c)\n"
              "add_staging_test(NAME loopback COMMAND netloop connect 10)\n")


class Network:
    """The built consumer project, and the untimed checks that the guarded
    variants really are guarded."""

    def __init__(self, tools: Tools):
        self.tools = tools
        self.build: Path | None = None
        self.setup = once_only(self._setup)
        # Every sample of N4, warm-up included, per variant: its CPU time too.
        self.start_samples: dict[str, list[Sample]] = {}

    @property
    def netloop(self) -> Path:
        return self.build / "netloop"

    @property
    def trivial(self) -> Path:
        return self.build / "trivial"

    @property
    def library(self) -> Path:
        return self.build / "StagingTests" / LIBRARY

    @property
    def run_dir(self) -> Path:
        return self.tools.work / "run"

    def _setup(self) -> None:
        self.build = prepare(self.tools, "network", consumer_project(self.tools.toolkit),
                             {"netloop.c": (HERE / "netloop.c").read_text(encoding="utf-8"),
                              "trivial.c": TRIVIAL_C})
        if not self.library.is_file():
            raise CommandFailed(f"the toolkit built no {LIBRARY} in {self.library.parent}")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.check_guarded()

    def environment(self, variant: str) -> dict:
        return {**base_environment(), **variant_entries(variant, self.library, self.run_dir)}

    def loop(self, arguments: list[str], variant: str) -> Sample:
        done = subprocess.run([str(self.netloop), *arguments], env=self.environment(variant),
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise CommandFailed(f"exit code {done.returncode}: netloop {' '.join(arguments)} "
                                f"({variant})\n{done.stderr[-3000:]}")
        wall, cpu = parse_loop_output(done.stdout)
        return Sample(wall, cpu=cpu)

    def spawn(self, starts: int, pair: str) -> Sample:
        """<starts> starts with each side of a pair (PAIRS), alternated start
        by start in one netloop process; the parts are the two sides' wall
        and CPU times, the total their sum."""
        tested, against = PAIRS[pair]
        entries = {side: [f"{k}={v}" for k, v in
                          variant_entries(side, self.library, self.run_dir).items()]
                   for side in (tested, against)}
        # netloop itself runs unguarded: it stands for the check program,
        # which execs the test with the library in its environment.
        done = subprocess.run([str(self.netloop), "spawn", str(starts), *entries[tested], "--",
                               *entries[against], "--", str(self.trivial)],
                              env=base_environment(), capture_output=True, text=True)
        if done.returncode != 0:
            raise CommandFailed(f"exit code {done.returncode}: netloop spawn ({pair})\n"
                                f"{done.stderr[-3000:]}")
        wall_a, cpu_a, wall_b, cpu_b = parse_numbers(done.stdout, 4)
        sample = Sample(wall_a + wall_b, {"tested": wall_a, "against": wall_b,
                                          "tested cpu": cpu_a, "against cpu": cpu_b},
                        cpu=cpu_a + cpu_b)
        self.start_samples.setdefault(pair, []).append(sample)
        return sample

    def check_guarded(self) -> None:
        """The guard is on in the guarded environment, directly and in a child
        netloop spawn starts (a refused name fails with the guard's message),
        and off in the loaded one (the same name is not refused by it: checked
        with a numeric host, so that nothing is looked up)."""
        refused = [str(self.netloop), "resolve", "1", REFUSED_NAME]
        direct = subprocess.run(refused, env=self.environment("guarded"),
                                capture_output=True, text=True)
        entries = [f"{k}={v}" for k, v in
                   variant_entries("guarded", self.library, self.run_dir).items()]
        child = subprocess.run([str(self.netloop), "spawn", "1", *entries, "--", *entries, "--",
                                *refused],
                               env=base_environment(), capture_output=True, text=True)
        for name, done in (("directly", direct), ("in a spawned child", child)):
            if done.returncode == 0 or f"StagingTests: test '{TEST_NAME}'" not in done.stderr:
                raise CommandFailed(f"the guarded variant is not guarded ({name}): "
                                    f"exit code {done.returncode}\n{done.stderr[-2000:]}")
        for variant in ("loaded", "plain"):
            done = subprocess.run([str(self.netloop), "resolve", "1", "127.0.0.1"],
                                  env=self.environment(variant), capture_output=True, text=True)
            if done.returncode != 0 or "StagingTests" in done.stderr:
                raise CommandFailed(f"the {variant} variant fails a numeric lookup\n"
                                    f"{done.stderr[-2000:]}")


def loop_bench(network: Network, id_: str, title: str, what: str,
               arguments: list[str], rounds_factor: int = 1) -> Bench:
    def measure(variant: str) -> Callable[[], Sample]:
        return lambda: network.loop(arguments, variant)

    return Bench(
        id_, title, what, network.setup,
        {v: measure(v) for v in ("guarded", "plain", "loaded")},
        [Row(id_, title, ("guarded", None), ("plain", None), LOOP_TARGET),
         Row(f"{id_} cpu", "… CPU time (user+system)", ("guarded", CPU), ("plain", CPU), None),
         Row(f"{id_} off", "… library preloaded, guard off, vs plain", ("loaded", None),
             ("plain", None), None)],
        rounds_factor=rounds_factor, optional=("loaded",))


def benches(network: Network, connects: int, lookups: int, starts: int) -> list[Bench]:
    def start(pair: str) -> Callable[[], Sample]:
        return lambda: network.spawn(starts, pair)

    return [
        loop_bench(network, "N1", f"{connects:,} loopback TCP connects",
                   "socket, connect to a listener on 127.0.0.1 the process opened, accept, "
                   "close both (the client with a reset: no TIME_WAIT)",
                   ["connect", str(connects)]),
        loop_bench(network, "N2", f"{lookups:,} getaddrinfo(\"127.0.0.1\")",
                   "a numeric host: glibc converts it without a lookup; tens of ms in all, "
                   "so 3× the rounds", ["resolve", str(lookups), "127.0.0.1"], rounds_factor=3),
        loop_bench(network, "N3", f"{lookups:,} getaddrinfo(\"localhost\")",
                   "from /etc/hosts (nsswitch `files` first), no DNS query",
                   ["resolve", str(lookups), "localhost"]),
        Bench("N4", f"a test's start, {starts:,} fork+exec+wait each way",
              "fork, execve of a trivial dynamic program, wait4, from an unguarded "
              "parent: the child's environment with LD_PRELOAD of the library and "
              "STAGING_TESTS_GUARDS=network against without, alternated start by start in "
              "one process; the judged figure is the per-start difference",
              network.setup, {pair: start(pair) for pair in PAIRS},
              [Row("N4", f"a test's start, {starts:,} fork+exec+wait", ("guarded", "tested"),
                   ("guarded", "against"), None),
               Row("N4 cpu", "… CPU time of the children (wait4)", ("guarded", "tested cpu"),
                   ("guarded", "against cpu"), None),
               Row("N4 off", "… library preloaded, guard off, vs plain", ("off", "tested"),
                   ("off", "against"), None),
               Row("N4 off cpu", "… CPU time", ("off", "tested cpu"), ("off", "against cpu"),
                   None),
               Row("N4 a/a", "… plain vs plain (the method's noise floor)", ("aa", "tested"),
                   ("aa", "against"), None)],
              optional=("off", "aa")),
    ]


def start_rows(samples: dict[str, list[Sample]], warmup: int, starts: int) -> list[dict]:
    """The per-start rows of N4 from its samples (the first <warmup> of each
    pair are the untimed round): wall time, and the children's CPU time."""
    rows = []
    for id_, pair, title in (("N4", "guarded", "guarded vs plain"),
                             ("N4 off", "off", "preloaded, guard off, vs plain"),
                             ("N4 a/a", "aa", "plain vs plain (noise floor)")):
        measured = samples.get(pair, [])[warmup:]
        if not measured:
            continue
        for suffix, kind in (("", ""), (" cpu", " cpu")):
            rows.append({"id": id_ + suffix,
                         "title": title + (", CPU time" if suffix else ""),
                         "start": per_start_us([s.parts["tested" + kind] for s in measured],
                                               [s.parts["against" + kind] for s in measured],
                                               starts)})
    return rows


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 rounds, no warm-up, no 'guard off' variant, 20,000 connects "
                             "and lookups, 500 starts")
    parser.add_argument("--rounds", type=int, help="rounds (default 7, --quick 3; N2 runs 3×)")
    parser.add_argument("--connects", type=int, help="connects per sample (default 100,000)")
    parser.add_argument("--lookups", type=int, help="lookups per sample (default 100,000)")
    parser.add_argument("--starts", type=int, help="starts per sample (default 2,000)")
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--toolkit", type=Path, default=ROOT,
                        help=f"the StagingTests tree to measure (default {ROOT})")
    parser.add_argument("--jobs", type=int, default=2, help="build parallelism (default 2)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help=f"scratch directory, emptied first (default {DEFAULT_WORK})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    for name in ("rounds", "connects", "lookups", "starts"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            parser.error(f"--{name} must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    load_at_start = load_average()
    rounds = args.rounds or (3 if args.quick else 7)
    warmup = 0 if args.quick else 1
    connects = args.connects or (20000 if args.quick else 100000)
    lookups = args.lookups or (20000 if args.quick else 100000)
    starts = args.starts or (500 if args.quick else 2000)

    work = safe_work_directory(args.work)
    toolkit = toolkit_directory(args.toolkit)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    tools = Tools(args.cmake, work, args.jobs, False, toolkit)
    log(f"network guard benchmarks: CMake {tools.version}, toolkit {toolkit}, "
        f"scratch directory {work}; setup")
    network = Network(tools)
    network.setup()
    log(f"setup done ({time.perf_counter() - started:.0f} s): {network.library}")
    results = []
    for bench in benches(network, connects, lookups, starts):
        log(f"[{bench.id}] {bench.title}")
        bench_started = time.perf_counter()
        result = run_bench(bench, rounds * bench.rounds_factor, warmup, args.quick)
        result["elapsed_seconds"] = round(time.perf_counter() - bench_started, 1)
        results.append(result)
        for row in result["rows"]:
            c = row["comparison"]
            log(f"    {row['id']}: {c['ratio']:.3f}×")
    starts_table = start_rows(network.start_samples, warmup, starts)
    load_at_end = load_average()
    measured = time.perf_counter() - started
    versions = toolchain(work)
    report = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cmake": tools.version, "toolchain": versions, "toolkit": str(toolkit),
        "host": {"machine": platform.machine(), "cpus": os.cpu_count(),
                 "system": platform.platform(), "python": platform.python_version(),
                 "load_average_at_start": load_at_start, "load_average_at_end": load_at_end},
        "quick": args.quick, "rounds": rounds, "warmup_rounds": warmup,
        "counts": {"connects": connects, "lookups": lookups, "starts": starts},
        "elapsed_seconds": round(measured, 1),
        "benchmarks": results, "per_start": starts_table,
    }
    print(f"\nNetwork guard benchmarks, {report['date']}: CMake {tools.version}, "
          f"{versions.get('cxx', 'C++ compiler ?')}, {os.cpu_count()} CPUs, {rounds} rounds"
          f"{' (--quick)' if args.quick else ''}, load average (1/5/15 min) "
          f"{'/'.join(map(str, load_at_start))} at the start, "
          f"{'/'.join(map(str, load_at_end))} at the end, {measured:.0f} s in all\n")
    if toolkit != ROOT:
        print(f"toolkit: {toolkit}\n")
    print(format_table(all_rows(results)).replace("| toolkit:", "| tested:")
          .replace("| plain:", "| unguarded:", 1))
    print("\n" + format_start_table(starts_table))
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
