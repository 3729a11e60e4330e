#!/usr/bin/env python3
"""Builds fuzz_<target>.cpp with clang++ -fsanitize=fuzzer,address,undefined and
runs it for a bounded time: the fuzz.policy and fuzz.network tests
(tests/fuzz/CMakeLists.txt).

Exit codes: 0 no crash, 1 a crash (or the target does not build), 77 no
clang++ with libFuzzer here (ctest reports Skipped, with the reason).
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

SKIPPED = 77
FLAGS = ["-std=c++17", "-g", "-O1", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
         "-fsanitize=fuzzer,address,undefined", "-fno-sanitize-recover=undefined",
         "-fno-omit-frame-pointer"]
PROBE = ('#include <cstddef>\n#include <cstdint>\n'
         'extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }\n')


def skip(test, reason):
    print(f"{test} skipped: {reason}")
    print("Install clang and libFuzzer (Debian: apt-get install clang libclang-rt-14-dev), "
          "or point STAGING_TESTS_FUZZ_CXX at a clang++ that has them, then reconfigure.")
    return SKIPPED


def has_libfuzzer(cxx, work):
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        source = pathlib.Path(scratch) / "probe.cpp"
        source.write_text(PROBE)
        result = subprocess.run([cxx, *FLAGS, str(source), "-o", str(pathlib.Path(scratch) / "probe")],
                                capture_output=True, text=True)
    return result.returncode == 0, (result.stdout + result.stderr).strip()[-2000:]


def build(cxx, check_dir, include_dir, fuzz_dir, target, header_only, binary):
    sources = [fuzz_dir / f"fuzz_{target}.cpp"]
    if not header_only:
        sources += sorted((check_dir / "staging").glob("*.cpp"))
    inputs = sources + sorted((check_dir / "staging").glob("*.hpp")) + sorted(
        include_dir.glob("*.hpp"))
    if binary.exists() and all(p.stat().st_mtime <= binary.stat().st_mtime for p in inputs):
        return True
    command = [cxx, *FLAGS, f"-I{check_dir}", f"-I{include_dir}", *map(str, sources), "-o",
               str(binary)]
    print("+", " ".join(command), flush=True)
    return subprocess.run(command).returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cxx", default="")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--check-dir", type=pathlib.Path, required=True)
    parser.add_argument("--include-dir", type=pathlib.Path, required=True,
                        help="where the generated staging_unit_rule_data.hpp is")
    parser.add_argument("--fuzz-dir", type=pathlib.Path, required=True)
    parser.add_argument("--work", type=pathlib.Path, required=True)
    parser.add_argument("--target", default="policy",
                        help="fuzz_<target>.cpp, the test fuzz.<target>")
    parser.add_argument("--header-only", action="store_true",
                        help="the target needs none of the check's .cpp sources")
    parser.add_argument("--corpus", type=pathlib.Path,
                        help="the hand-written inputs (default <fuzz-dir>/corpus)")
    parser.add_argument("--regressions", type=pathlib.Path,
                        help="the kept crash inputs (default <fuzz-dir>/regressions)")
    parser.add_argument("--replay-test", default="fuzz.regressions",
                        help="the test that replays --regressions")
    args = parser.parse_args()
    test = f"fuzz.{args.target}"
    seed_corpus = args.corpus or args.fuzz_dir / "corpus"
    regressions = args.regressions or args.fuzz_dir / "regressions"

    cxx = args.cxx
    if not cxx or cxx.endswith("-NOTFOUND"):
        return skip(test, "no clang++ found (STAGING_TESTS_FUZZ_CXX is not set)")
    if shutil.which(cxx) is None:
        return skip(test, f"STAGING_TESTS_FUZZ_CXX={cxx} does not exist")
    args.work.mkdir(parents=True, exist_ok=True)
    usable, output = has_libfuzzer(cxx, args.work)
    if not usable:
        return skip(test, f"{cxx} cannot build a libFuzzer target:\n{output}")

    binary = args.work / f"fuzz_{args.target}"
    if not build(cxx, args.check_dir, args.include_dir, args.fuzz_dir, args.target,
                 args.header_only, binary):
        print(f"{test}: fuzz_{args.target}.cpp does not build (see the errors above)")
        return 1

    # New inputs go to the build tree's corpus, which grows from run to run;
    # the hand-written corpus and the kept crashes are read only.
    corpus = args.work / "corpus"
    artifacts = args.work / "artifacts"
    corpus.mkdir(exist_ok=True)
    artifacts.mkdir(exist_ok=True)
    before = set(artifacts.iterdir())
    command = [str(binary), str(corpus), str(seed_corpus), str(regressions),
               f"-max_total_time={args.seconds}", "-max_len=4096", "-timeout=20",
               "-rss_limit_mb=2560", "-print_final_stats=1", f"-artifact_prefix={artifacts}/"]
    print("+", " ".join(command), flush=True)
    # The target's run directory: libFuzzer ends without the exit handler
    # that would remove one in the temporary directory.
    scratch = args.work / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    environment = dict(os.environ, STAGING_TESTS_FUZZ_WORK=str(scratch))
    code = subprocess.run(command, env=environment).returncode
    shutil.rmtree(scratch, ignore_errors=True)
    found = sorted(set(artifacts.iterdir()) - before)
    if code == 0 and not found:
        print(f"{test}: no crash in {args.seconds} s")
        return 0
    print(f"{test}: libFuzzer exited with {code}; inputs it kept:")
    for artifact in found:
        print(f"  {artifact}")
    print("Keep each as a regression case, named for what it shows:\n"
          f"  cp <input> {regressions}/<what-it-shows>\n"
          f"then fix the bug; {args.replay_test} replays it in every build. Reproduce with:\n"
          f"  {binary} <input>")
    return 1


if __name__ == "__main__":
    sys.exit(main())
