#!/usr/bin/env python3
"""StagingTests suite audit: the second setup test of the session fixture.

Lists the whole suite as ctest sees it (``ctest --show-only=json-v1``, which
includes GoogleTest cases discovered at build or test time and tests added by
hand-written ctest include files) and fails, naming every offender, when a
test lacks the staging label, the session fixture or the forced environment
(or has a pass pattern without the refusal pattern), or when the session's
own tests were disabled, ignored or given a skip condition.
"""

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

from staging_common import (forced_pairs, load_policy, report_audit_passed,
                            same_environment, stamp)
import staging_audit_cache

# Properties that would let the session's checks be skipped or inverted:
# these two count when true...
_SESSION_SWITCHES = ("DISABLED", "WILL_FAIL")
# ...these whatever their value (SKIP_RETURN_CODE 0 skips a passing session).
_SESSION_CONDITIONS = ("SKIP_RETURN_CODE", "SKIP_REGULAR_EXPRESSION",
                       "PASS_REGULAR_EXPRESSION")
_FALSE_WORDS = {"", "0", "OFF", "FALSE", "NO", "N", "IGNORE", "NOTFOUND"}
# What the per-test check prints when it refuses a test (the
# FAIL_REGULAR_EXPRESSION StagingTests.cmake sets). Under a pass pattern
# ctest ignores the exit code, so only this pattern fails a refused test.
REFUSAL_PATTERN = "StagingTests: test '.*' refused"


def is_true(value):
    """CMake's truth: json-v1 gives booleans, some properties strings."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).upper() not in _FALSE_WORDS


def list_suite(ctest, build_dir, config):
    """The suite as ctest sees it. The listing runs from a scratch directory
    whose test file only points at the build tree: run in the build tree, it
    would overwrite Testing/Temporary/LastTest.log of the run it is part of."""
    command = [ctest, "--show-only=json-v1"]
    if config:
        command += ["-C", config]
    with tempfile.TemporaryDirectory(prefix="staging_audit_") as scratch:
        build = pathlib.Path(build_dir).resolve()
        pathlib.Path(scratch, "CTestTestfile.cmake").write_text(
            f'subdirs("{cmake_quoted(build)}")\n', encoding="utf-8")
        custom = build / "CTestCustom.cmake"
        if custom.exists():
            shutil.copyfile(custom, pathlib.Path(scratch, "CTestCustom.cmake"))
        listing = subprocess.run(command, cwd=scratch, capture_output=True,
                                 text=True, errors="replace", check=False)
    if listing.returncode != 0:
        raise RuntimeError(f"`{' '.join(command)}` failed with exit code "
                           f"{listing.returncode}:\n{listing.stderr.strip()}")
    return json.loads(listing.stdout)["tests"]


def cmake_quoted(path):
    return str(path).replace("\\", "/").replace('"', '\\"').replace("$", "\\$")


def properties(test):
    return {item["name"]: item["value"] for item in test.get("properties", [])}


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def environment_of(props):
    """The test's ENVIRONMENT entries as ctest applies them: the last wins."""
    result = {}
    for entry in as_list(props.get("ENVIRONMENT")):
        name, equals, value = str(entry).partition("=")
        if equals:
            result[name] = value
    return result


def audit_test(test, policy):
    name = test["name"]
    props = properties(test)
    problems = []
    if policy["label"] not in as_list(props.get("LABELS")):
        problems.append(f"test '{name}' lacks the label '{policy['label']}'")
    if policy["fixture"] not in as_list(props.get("FIXTURES_REQUIRED")):
        problems.append(f"test '{name}' does not require the fixture "
                        f"'{policy['fixture']}'")
    environment = environment_of(props)
    for variable, required in forced_pairs(policy):
        found = environment.get(variable)
        if found is None:
            problems.append(f"test '{name}' does not set {variable} "
                            f"(required '{required}')")
        elif variable == "ENVIRONMENT":
            if not same_environment(found, required):
                problems.append(f"test '{name}' sets ENVIRONMENT to "
                                f"'{found}', required '{required}'")
        elif found != required:
            problems.append(f"test '{name}' sets {variable} to '{found}', "
                            f"required '{required}'")
    forced_names = {variable for variable, _ in forced_pairs(policy)}
    for operation in as_list(props.get("ENVIRONMENT_MODIFICATION")):
        variable = str(operation).partition("=")[0]
        if variable in forced_names:
            problems.append(f"test '{name}' changes {variable} with "
                            f"ENVIRONMENT_MODIFICATION '{operation}'")
    if (as_list(props.get("PASS_REGULAR_EXPRESSION"))
            and REFUSAL_PATTERN not in as_list(props.get("FAIL_REGULAR_EXPRESSION"))):
        problems.append(f"test '{name}' has a PASS_REGULAR_EXPRESSION but not "
                        f"the FAIL_REGULAR_EXPRESSION \"{REFUSAL_PATTERN}\": "
                        f"a refused check would pass")
    return problems


def audit_own_test(test):
    props = properties(test)
    bypasses = [name for name in _SESSION_SWITCHES if is_true(props.get(name))]
    bypasses += [name for name in _SESSION_CONDITIONS if name in props]
    return [f"the StagingTests test '{test['name']}' has {bypass} set: its "
            f"checks could be skipped or inverted" for bypass in bypasses]


def audit(tests, policy):
    own = policy["own"]
    problems = []
    listed = {test["name"] for test in tests}
    for name in own:
        if name not in listed:
            problems.append(f"the StagingTests test '{name}' is missing from "
                            f"the suite (listed in CTEST_CUSTOM_TESTS_IGNORE?)")
    for test in tests:
        if test["name"] in own:
            problems += audit_own_test(test)
        else:
            problems += audit_test(test, policy)
    return problems


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", required=True)
    parser.add_argument("--ctest", required=True)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--config", default="")
    args = parser.parse_args(argv)
    policy = load_policy(args.policy)
    if staging_audit_cache.reuse(args, policy):
        return 0
    snapshot = staging_audit_cache.Snapshot(args.ctest, args.build_dir, args.config,
                                            args.policy)
    try:
        tests = list_suite(args.ctest, args.build_dir, args.config)
    except (RuntimeError, ValueError, KeyError) as error:
        print(f"StagingTests: suite audit could not list the suite: {error}",
              file=sys.stderr)
        stamp("audit.failed")
        return 1
    problems = audit(tests, policy)
    checked = len(tests) - len(policy["own"])
    if problems:
        for problem in problems:
            print(f"StagingTests: suite audit: {problem}", file=sys.stderr)
        print(f"Fix: register every test with add_staging_test() or "
              f"add_staging_gtest(), and do not override their properties "
              f"afterwards ({len(problems)} problem(s) in {checked} tests).",
              file=sys.stderr)
        stamp("audit.failed", "\n".join(problems) + "\n")
        return 1
    report_audit_passed(policy, checked)
    staging_audit_cache.remember(snapshot, checked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
