#!/usr/bin/env python3
"""Run one case test: configure, build and ctest a small project, then check.

A case is a directory holding a CMake project and a case.json that says how to
run it and what must come out (tests/cases/README.md documents the schema).
This driver configures the project into <work>/build, builds it, runs each
ctest invocation the case lists, and checks every assertion. It exits 0 when
all of them hold; otherwise it prints which step and which assertions failed,
with the end of that step's output, and exits 1. Exit 2 means the case itself
or the command line is invalid.

    run_case.py --case DIR --work DIR [--cmake CMAKE] [--ctest CTEST]
                [--generator GEN] [--toolkit ROOT] [--config CFG] [-v]

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import selectors
import shlex
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_TOOLKIT = HERE.parent.parent
COMMON_DIR = HERE.parent / "cases" / "_common"

OUTPUT_TAIL_LINES = 200
DEFAULT_STEP_TIMEOUT = 600.0
DEFAULT_RUN_TIMEOUT = 300.0

# --------------------------------------------------------------------------
# Test statuses from ctest's text output
# --------------------------------------------------------------------------

STATUSES = ("passed", "failed", "notrun", "skipped", "disabled", "timeout",
            "listed", "absent")

# "  3/13 Test  #3: name .......***Failed  reason  0.00 sec". The reason of a
# failed PASS_REGULAR_EXPRESSION spans several lines, so nothing after the
# status word is required. A name may hold spaces and dots; it ends at the
# last " ..." run that is followed by a status word.
_RESULT_RE = re.compile(
    r"^\s*\d+/\d+\s+Test\s+#(?P<num>\d+): (?P<name>.*?) \.+\s*(?:\*\*\*)?"
    r"(?P<word>Passed|Failed|Not Run \(Disabled\)|Not Run|Skipped|Timeout"
    r"|Exception)(?!\w)")
# "  Test  #5: name" or "  Test  #5: name (Disabled)" in a -N listing.
_LISTED_RE = re.compile(
    r"^\s*Test\s+#(?P<num>\d+): (?P<name>.*?)(?: \(Disabled\))?\s*$")

_WORD_STATUS = {
    "Passed": "passed",
    "Failed": "failed",
    "Exception": "failed",
    "Not Run (Disabled)": "disabled",
    "Not Run": "notrun",
    "Skipped": "skipped",
    "Timeout": "timeout",
}


def parse_statuses(output: str) -> dict[str, str]:
    """Map each test named in ctest's text output to its status.

    Result lines give passed/failed/notrun/skipped/disabled/timeout; lines of
    a -N listing give "listed". A result wins over a listing of the same
    name; with --repeat the last result of a test wins.
    """
    statuses: dict[str, str] = {}
    for line in output.splitlines():
        m = _RESULT_RE.match(line)
        if m:
            statuses[m["name"]] = _WORD_STATUS[m["word"]]
            continue
        m = _LISTED_RE.match(line)
        if m and m["name"] not in statuses:
            statuses[m["name"]] = "listed"
    return statuses


# --------------------------------------------------------------------------
# Properties from ctest --show-only=json-v1
# --------------------------------------------------------------------------

LIST_PROPERTIES = ("LABELS", "FIXTURES_REQUIRED", "FIXTURES_SETUP",
                   "FIXTURES_CLEANUP", "ENVIRONMENT",
                   "ENVIRONMENT_MODIFICATION", "DEPENDS", "REQUIRED_FILES",
                   "RESOURCE_LOCK")


@dataclass
class JsonTest:
    name: str
    command: list[str]
    properties: dict[str, Any]

    def prop_list(self, name: str) -> list[str]:
        value = self.properties.get(name)
        if value is None:
            return []
        if isinstance(value, list):
            return [str(v) for v in value]
        return [str(value)]

    @property
    def command_line(self) -> str:
        """The command's elements joined by single spaces, unquoted, so a
        regex need not care how a shell would quote them."""
        return " ".join(self.command)


def parse_show_only_json(text: str) -> list[JsonTest]:
    """Parse ctest --show-only=json-v1 output; raises ValueError."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("tests"), list):
        raise ValueError("no \"tests\" list in the JSON")
    tests = []
    for entry in data["tests"]:
        props = {}
        for prop in entry.get("properties") or []:
            value = prop.get("value")
            if prop.get("name") in LIST_PROPERTIES and \
                    not isinstance(value, list):
                value = [value]
            props[prop.get("name")] = value
        tests.append(JsonTest(name=entry.get("name", ""),
                              command=[str(c) for c in
                                       entry.get("command") or []],
                              properties=props))
    return tests


def _env_entry_matches(wanted: str, entries: list[str]) -> bool:
    """NAME=VALUE matches that exact entry; NAME alone matches any value."""
    if "=" in wanted:
        return wanted in entries
    return any(e.split("=", 1)[0] == wanted for e in entries)


def check_json_test(test: JsonTest, spec: dict[str, Any]) -> list[str]:
    """Check one test of the JSON listing against a json.tests entry."""
    errors = []
    where = f"test {test.name!r}"

    def include(key: str, prop: str) -> None:
        have = test.prop_list(prop)
        for want in spec.get(key, []):
            if want not in have:
                errors.append(f"{where}: {prop} should include {want!r}; "
                              f"it is {have!r}")

    if "labels" in spec:
        have = test.prop_list("LABELS")
        if sorted(have) != sorted(spec["labels"]):
            errors.append(f"{where}: LABELS should be {spec['labels']!r} "
                          f"(any order); it is {have!r}")
    include("labels_include", "LABELS")
    for want in spec.get("labels_exclude", []):
        if want in test.prop_list("LABELS"):
            errors.append(f"{where}: LABELS should not include {want!r}; it "
                          f"is {test.prop_list('LABELS')!r}")
    include("fixtures_required_include", "FIXTURES_REQUIRED")
    include("fixtures_setup_include", "FIXTURES_SETUP")
    env = test.prop_list("ENVIRONMENT")
    for want in spec.get("environment_include", []):
        if not _env_entry_matches(want, env):
            errors.append(f"{where}: ENVIRONMENT should include {want!r}; it "
                          f"is {env!r}")
    for unwanted in spec.get("environment_not_include", []):
        if _env_entry_matches(unwanted, env):
            errors.append(f"{where}: ENVIRONMENT should not include "
                          f"{unwanted!r}; it is {env!r}")
    if "command_matches" in spec:
        if not re.search(spec["command_matches"], test.command_line,
                         re.MULTILINE):
            errors.append(f"{where}: command should match "
                          f"{spec['command_matches']!r}; it is "
                          f"{test.command_line!r}")
    for prop, want in spec.get("properties", {}).items():
        have = test.properties.get(prop)
        if have != want:
            errors.append(f"{where}: property {prop} should be {want!r}; it "
                          f"is {have!r}" if prop in test.properties else
                          f"{where}: property {prop} should be {want!r}; it "
                          f"is not set")
    for prop in spec.get("properties_absent", []):
        if prop in test.properties:
            errors.append(f"{where}: property {prop} should not be set; it is "
                          f"{test.properties[prop]!r}")
    return errors


def check_json(tests: list[JsonTest], spec: dict[str, Any]) -> list[str]:
    """Check a parsed JSON listing against a run's "json" object."""
    errors = []
    by_name: dict[str, list[JsonTest]] = {}
    for t in tests:
        by_name.setdefault(t.name, []).append(t)
    if "count" in spec and len(tests) != spec["count"]:
        errors.append(f"json: expected {spec['count']} tests, found "
                      f"{len(tests)}: {[t.name for t in tests]!r}")
    for name, tspec in spec.get("tests", {}).items():
        found = by_name.get(name, [])
        if tspec.get("absent"):
            if found:
                errors.append(f"json: test {name!r} should be absent; it is "
                              f"listed")
            continue
        if not found:
            errors.append(f"json: test {name!r} is not listed; listed: "
                          f"{sorted(by_name)!r}")
        for t in found:
            errors.extend("json: " + e for e in check_json_test(t, tspec))
    if "all_tests" in spec:
        for t in tests:
            errors.extend("json (all_tests): " + e
                          for e in check_json_test(t, spec["all_tests"]))
    return errors


# --------------------------------------------------------------------------
# case.json validation
# --------------------------------------------------------------------------

class CaseError(Exception):
    """case.json is malformed; the message lists every problem."""


_TOP_KEYS = {"description", "labels", "cmake_version", "configure", "build", "runs",
             "canary"}
_VERSION_KEYS = {"min", "below"}
_CANARY_KEYS = {"value", "names"}

# A case that does not apply to the cmake under test (cmake_version) exits
# with this code; ctest registers it as SKIP_RETURN_CODE, so it shows as
# Skipped, never as Passed.
EXIT_NOT_APPLICABLE = 77
_CONFIGURE_KEYS = {"args", "env", "result", "output_matches",
                   "output_not_matches", "timeout"}
_BUILD_KEYS = {"args", "env", "result", "output_matches",
               "output_not_matches", "timeout"}
_RUN_KEYS = {"name", "args", "command", "env", "test_dir", "parallel", "exit_code",
             "tests", "tests_all", "tests_only", "output_matches",
             "output_not_matches", "stdout_is_json", "markers_exist",
             "markers_absent", "json", "timeout"}
_PARALLEL_KEYS = {"args", "test_dir"}
_JSON_KEYS = {"args", "tests", "all_tests", "count", "output_matches",
              "output_not_matches"}
_JSON_TEST_KEYS = {"labels", "labels_include", "labels_exclude",
                   "fixtures_required_include", "fixtures_setup_include",
                   "environment_include", "environment_not_include",
                   "command_matches", "properties", "properties_absent",
                   "absent"}


class _Validator:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def obj(self, where: str, value: Any, keys: set[str]) -> bool:
        if not isinstance(value, dict):
            self.err(where, f"must be an object, not {type(value).__name__}")
            return False
        for key in value:
            if key not in keys and not key.startswith("_"):
                self.err(where, f"unknown key {key!r} (known: "
                         f"{', '.join(sorted(keys))}; keys starting with _ "
                         f"are comments)")
        return True

    def strings(self, where: str, value: Any) -> bool:
        if not isinstance(value, list) or \
                not all(isinstance(v, str) for v in value):
            self.err(where, "must be a list of strings")
            return False
        return True

    def regexes(self, where: str, value: Any) -> None:
        if self.strings(where, value):
            for rx in value:
                try:
                    re.compile(rx)
                except re.error as e:
                    self.err(where, f"bad regex {rx!r}: {e}")

    def env(self, where: str, value: Any) -> None:
        if not isinstance(value, dict):
            self.err(where, "must be an object of NAME: value (null unsets)")
            return
        for name, v in value.items():
            if not name or "=" in name:
                self.err(where, f"bad variable name {name!r}")
            if v is not None and not isinstance(v, (str, int, float)):
                self.err(where, f"{name}: value must be a string or null")

    def timeout(self, where: str, value: Any) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or \
                value <= 0:
            self.err(where, "must be a positive number of seconds")

    def output_checks(self, where: str, spec: dict[str, Any]) -> None:
        for key in ("output_matches", "output_not_matches"):
            if key in spec:
                self.regexes(f"{where}.{key}", spec[key])

    def step(self, where: str, spec: dict[str, Any]) -> None:
        if "args" in spec:
            self.strings(f"{where}.args", spec["args"])
        if "env" in spec:
            self.env(f"{where}.env", spec["env"])
        if "result" in spec and spec["result"] not in ("success", "failure"):
            self.err(f"{where}.result", "must be \"success\" or \"failure\"")
        if "timeout" in spec:
            self.timeout(f"{where}.timeout", spec["timeout"])
        self.output_checks(where, spec)

    def json_test(self, where: str, spec: Any) -> None:
        if not self.obj(where, spec, _JSON_TEST_KEYS):
            return
        for key in ("labels", "labels_include", "labels_exclude",
                    "fixtures_required_include", "fixtures_setup_include",
                    "environment_include", "environment_not_include",
                    "properties_absent"):
            if key in spec:
                self.strings(f"{where}.{key}", spec[key])
        if "command_matches" in spec:
            self.regexes(f"{where}.command_matches",
                         [spec["command_matches"]])
        if "properties" in spec and not isinstance(spec["properties"], dict):
            self.err(f"{where}.properties", "must be an object")
        if "absent" in spec and not isinstance(spec["absent"], bool):
            self.err(f"{where}.absent", "must be true or false")

    def json_spec(self, where: str, spec: Any) -> None:
        if not self.obj(where, spec, _JSON_KEYS):
            return
        if "args" in spec:
            self.strings(f"{where}.args", spec["args"])
        if "tests" in spec:
            if self.obj(f"{where}.tests", spec["tests"], set(spec["tests"])):
                for name, tspec in spec["tests"].items():
                    self.json_test(f"{where}.tests[{name!r}]", tspec)
        if "all_tests" in spec:
            self.json_test(f"{where}.all_tests", spec["all_tests"])
        if "count" in spec and (not isinstance(spec["count"], int)
                                or isinstance(spec["count"], bool)):
            self.err(f"{where}.count", "must be an integer")
        self.output_checks(where, spec)

    def run(self, where: str, spec: Any) -> None:
        if not self.obj(where, spec, _RUN_KEYS):
            return
        if "name" in spec and not isinstance(spec["name"], str):
            self.err(f"{where}.name", "must be a string")
        self.step(where, spec)
        if "command" in spec:
            if self.strings(f"{where}.command", spec["command"]) and \
                    not spec["command"]:
                self.err(f"{where}.command", "must name a program")
            for key in ("args", "test_dir", "parallel", "json"):
                if key in spec:
                    self.err(f"{where}.{key}", "does not go with \"command\" "
                             "(a run is either ctest or one command)")
        if "test_dir" in spec and not isinstance(spec["test_dir"], str):
            self.err(f"{where}.test_dir", "must be a string")
        if "parallel" in spec:
            par = spec["parallel"]
            if not isinstance(par, list) or len(par) < 2:
                self.err(f"{where}.parallel",
                         "must be a list of at least two invocations")
            else:
                for i, inv in enumerate(par):
                    w = f"{where}.parallel[{i}]"
                    if self.obj(w, inv, _PARALLEL_KEYS):
                        if "args" in inv:
                            self.strings(f"{w}.args", inv["args"])
                        if "test_dir" in inv and \
                                not isinstance(inv["test_dir"], str):
                            self.err(f"{w}.test_dir", "must be a string")
        if "exit_code" in spec:
            code = spec["exit_code"]
            if not (code in ("nonzero", "any") or
                    (isinstance(code, int) and not isinstance(code, bool))):
                self.err(f"{where}.exit_code",
                         "must be an integer, \"nonzero\" or \"any\"")
        if "tests" in spec:
            if isinstance(spec["tests"], dict):
                for name, status in spec["tests"].items():
                    if status not in STATUSES:
                        self.err(f"{where}.tests[{name!r}]",
                                 f"unknown status {status!r} (one of "
                                 f"{', '.join(STATUSES)})")
            else:
                self.err(f"{where}.tests", "must be an object name: status")
        if "tests_all" in spec and (spec["tests_all"] not in STATUSES or
                                    spec["tests_all"] == "absent"):
            self.err(f"{where}.tests_all", f"unknown status "
                     f"{spec['tests_all']!r}")
        for key in ("tests_only", "stdout_is_json"):
            if key in spec and not isinstance(spec[key], bool):
                self.err(f"{where}.{key}", "must be true or false")
        for key in ("markers_exist", "markers_absent"):
            if key in spec and self.strings(f"{where}.{key}", spec[key]):
                for m in spec[key]:
                    if not m or "/" in m or "\\" in m:
                        self.err(f"{where}.{key}", f"bad marker name {m!r}")
        if "json" in spec:
            self.json_spec(f"{where}.json", spec["json"])


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def cmake_version(cmake: str) -> str:
    result = subprocess.run([cmake, "--version"], capture_output=True,
                            text=True, check=False)
    match = re.search(r"cmake version (\S+)", result.stdout)
    return match.group(1) if match else "0"


def not_applicable(case: dict[str, Any], version: str) -> str | None:
    """Why the case does not apply to this cmake version, or None."""
    wanted = case.get("cmake_version")
    if not wanted:
        return None
    have = _version_tuple(version)
    if "min" in wanted and have < _version_tuple(wanted["min"]):
        return f"needs CMake {wanted['min']} or newer; this is {version}"
    if "below" in wanted and have >= _version_tuple(wanted["below"]):
        return f"is for CMake older than {wanted['below']}; this is {version}"
    return None


def validate_case(case: Any) -> None:
    """Raise CaseError listing every problem in a parsed case.json."""
    v = _Validator()
    if v.obj("case.json", case, _TOP_KEYS):
        if not isinstance(case.get("description"), str) or \
                not case["description"].strip():
            v.err("description", "required: one sentence saying what the "
                  "case proves")
        if "labels" in case:
            v.strings("labels", case["labels"])
        if "cmake_version" in case and v.obj("cmake_version", case["cmake_version"],
                                             _VERSION_KEYS):
            for key, value in case["cmake_version"].items():
                if not isinstance(value, str) or not re.fullmatch(r"\d+(\.\d+){0,2}", value):
                    v.err(f"cmake_version.{key}", "must be a version such as \"3.28\"")
        if "canary" in case and v.obj("canary", case["canary"], _CANARY_KEYS):
            canary = case["canary"]
            value = canary.get("value")
            # Short values could occur by chance in a build tree.
            if not isinstance(value, str) or len(value) < 12 or "\n" in value:
                v.err("canary.value", "required: a string of at least 12 characters, one line")
            names = canary.get("names")
            if not v.strings("canary.names", names) or not names:
                v.err("canary.names", "required: the variables that hold the canary")
        configure = case.get("configure", {})
        if v.obj("configure", configure, _CONFIGURE_KEYS):
            v.step("configure", configure)
        build = case.get("build", True)
        if isinstance(build, dict):
            if v.obj("build", build, _BUILD_KEYS):
                v.step("build", build)
        elif not isinstance(build, bool):
            v.err("build", "must be true, false or an object")
        runs = case.get("runs", [])
        if not isinstance(runs, list):
            v.err("runs", "must be a list")
            runs = []
        for i, run in enumerate(runs):
            v.run(f"runs[{i}]", run)
        if isinstance(configure, dict) and \
                configure.get("result") == "failure" and runs:
            v.err("runs", "a case whose configure must fail has no runs")
        if isinstance(build, dict) and build.get("result") == "failure" and \
                runs:
            v.err("runs", "a case whose build must fail has no runs")
    if v.errors:
        raise CaseError("\n".join(v.errors))


def load_case(case_dir: Path) -> dict[str, Any]:
    path = case_dir / "case.json"
    try:
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
    except OSError as e:
        raise CaseError(f"{path}: cannot read: {e}") from e
    except json.JSONDecodeError as e:
        raise CaseError(f"{path}: not valid JSON: {e}") from e
    try:
        validate_case(case)
    except CaseError as e:
        raise CaseError(f"{path}:\n{e}") from e
    return case


# --------------------------------------------------------------------------
# Environment and placeholders
# --------------------------------------------------------------------------

# Removed from every step's environment: the policy's own inputs, and what
# changes how cmake, ctest, make or GoogleTest behave or print.
_DROP_PREFIXES = ("AZURE_", "STAGING_TESTS_", "CTEST_", "CMAKE_", "GTEST_")
_DROP_NAMES = {"ENVIRONMENT", "DESTDIR", "CLICOLOR", "CLICOLOR_FORCE",
               "DASHBOARD_TEST_FROM_CTEST", "MAKEFLAGS", "MFLAGS",
               "MAKELEVEL", "MAKEFILES", "MAKE_TERMOUT", "MAKE_TERMERR"}
# Kept although they match a prefix above: they change speed, not results.
_KEEP_NAMES = {"CMAKE_BUILD_PARALLEL_LEVEL"}
_FORCED = {"CTEST_OUTPUT_ON_FAILURE": "0", "LC_ALL": "C.UTF-8"}


def clean_environment(base: dict[str, str]) -> dict[str, str]:
    """The driver's environment with everything that could sway a case
    removed, and the forced settings applied."""
    env = {}
    for name, value in base.items():
        if name in _KEEP_NAMES:
            env[name] = value
        elif name in _DROP_NAMES or name.startswith(_DROP_PREFIXES):
            continue
        else:
            env[name] = value
    env.update(_FORCED)
    return env


def step_environment(base: dict[str, str],
                     overrides: dict[str, Any] | None) -> dict[str, str]:
    """clean_environment(base) with a step's "env" applied (None unsets)."""
    env = clean_environment(base)
    for name, value in (overrides or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = str(value)
    return env


_PLACEHOLDER_RE = re.compile(r"@([A-Z_]+)@")


def substitute(text: str, values: dict[str, str],
               escape: bool = False) -> str:
    """Replace @NAME@ for each known NAME; re.escape the value if asked."""
    def repl(m: re.Match[str]) -> str:
        if m[1] not in values:
            return m[0]
        return re.escape(values[m[1]]) if escape else values[m[1]]
    return _PLACEHOLDER_RE.sub(repl, text)


# --------------------------------------------------------------------------
# Running commands
# --------------------------------------------------------------------------

@dataclass
class Result:
    argv: list[str]
    code: int | None          # None: killed after the timeout
    stdout: str
    stderr: str
    combined: str             # both streams, interleaved line by line
    seconds: float
    timed_out: bool = False
    shown: str = ""           # the command as printed, with cwd and env


def run_command(argv: list[str], env: dict[str, str], cwd: Path,
                timeout: float) -> Result:
    """Run argv, capturing stdout and stderr separately and interleaved."""
    start = time.monotonic()
    try:
        proc = subprocess.Popen(argv, cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                start_new_session=True)
    except OSError as e:
        msg = f"cannot start {argv[0]}: {e}\n"
        return Result(argv, 127, "", msg, msg, 0.0)
    assert proc.stdout is not None and proc.stderr is not None
    streams = {proc.stdout: bytearray(), proc.stderr: bytearray()}
    partial = {proc.stdout: bytearray(), proc.stderr: bytearray()}
    combined = bytearray()
    timed_out = False
    with selectors.DefaultSelector() as sel:
        for pipe in streams:
            sel.register(pipe, selectors.EVENT_READ)
        while sel.get_map():
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                timed_out = True
                _kill_group(proc)
                break
            for key, _ in sel.select(timeout=min(left, 1.0)):
                pipe = key.fileobj
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(pipe)
                    combined += partial[pipe]
                    partial[pipe].clear()
                    continue
                streams[pipe] += chunk
                partial[pipe] += chunk
                cut = partial[pipe].rfind(b"\n")
                if cut >= 0:
                    combined += partial[pipe][:cut + 1]
                    del partial[pipe][:cut + 1]
    for pipe in streams:
        combined += partial[pipe]
        pipe.close()
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        code = proc.wait()
    seconds = time.monotonic() - start

    def text(b: bytes | bytearray) -> str:
        return bytes(b).decode("utf-8", errors="replace")
    return Result(argv, None if timed_out else code,
                  text(streams[proc.stdout]), text(streams[proc.stderr]),
                  text(combined), seconds, timed_out)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def tail(text: str, lines: int = OUTPUT_TAIL_LINES) -> str:
    """The last `lines` lines of text, saying how many were left out."""
    all_lines = text.splitlines()
    if len(all_lines) <= lines:
        return "\n".join(all_lines)
    cut = len(all_lines) - lines
    return f"[... {cut} earlier lines left out ...]\n" + \
        "\n".join(all_lines[cut:])


def format_command(argv: list[str], cwd: Path,
                   env_overrides: dict[str, Any] | None) -> str:
    """A shell-like rendering: cd, the step's env changes, the command."""
    parts = ["cd", shlex.quote(str(cwd)), "&&"]
    changes = []
    for name, value in (env_overrides or {}).items():
        if value is None:
            changes += ["-u", shlex.quote(name)]
        else:
            changes.append(shlex.quote(f"{name}={value}"))
    if changes:
        parts += ["env"] + changes
    return " ".join(parts) + " " + shlex.join(argv)


# --------------------------------------------------------------------------
# Checks shared by all steps
# --------------------------------------------------------------------------

def check_exit_code(expected: Any, actual: int | None) -> list[str]:
    if actual is None:
        return ["exit code: the command did not finish before the timeout"]
    if expected == "any":
        return []
    if expected == "nonzero":
        return [] if actual != 0 else \
            ["exit code: expected non-zero, actual 0"]
    if actual != expected:
        return [f"exit code: expected {expected}, actual {actual}"]
    return []


_WRAP_RE = re.compile(r"\n  (?=\S)")


def unwrap(output: str) -> str:
    """Undo CMake's word wrapping of message() text: CMake breaks a message
    at spaces near column 80 and indents every line by two spaces, so a
    line break followed by exactly two spaces becomes one space."""
    return _WRAP_RE.sub(" ", output)


def check_output(output: str, matches: list[str],
                 not_matches: list[str]) -> list[str]:
    """Regexes (re.search, MULTILINE) against the output as printed and
    against unwrap(output): a match in either counts."""
    errors = []
    unwrapped = unwrap(output)
    for rx in matches:
        if not (re.search(rx, output, re.MULTILINE) or
                re.search(rx, unwrapped, re.MULTILINE)):
            errors.append(f"output_matches: {rx!r} does not match the output")
    for rx in not_matches:
        m = re.search(rx, output, re.MULTILINE)
        if m:
            line = output[:m.start()].count("\n") + 1
            errors.append(f"output_not_matches: {rx!r} matches the output at "
                          f"line {line}: {m.group(0)!r}")
            continue
        m = re.search(rx, unwrapped, re.MULTILINE)
        if m:
            errors.append(f"output_not_matches: {rx!r} matches the output "
                          f"once CMake's line wrapping is undone: "
                          f"{m.group(0)!r}")
    return errors


def check_statuses(statuses: dict[str, str], expected: dict[str, str],
                   every: str | None, only: bool) -> list[str]:
    errors = []
    for name, want in expected.items():
        have = statuses.get(name, "absent")
        if have != want:
            errors.append(f"test {name!r}: expected {want}, actual {have}")
    if every is not None:
        for name, have in statuses.items():
            if have != every:
                errors.append(f"tests_all: test {name!r} is {have}, expected "
                              f"{every}")
    if only:
        named = {n for n, s in expected.items() if s != "absent"}
        extra = [n for n in statuses if n not in named]
        if extra:
            errors.append(f"tests_only: unexpected tests {extra!r}")
    return errors


def describe_statuses(statuses: dict[str, str]) -> str:
    if not statuses:
        return "(no test found in the output)"
    return ", ".join(f"{n}={s}" for n, s in statuses.items())


# --------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------

class StepFailed(Exception):
    pass


@dataclass
class Driver:
    case_dir: Path
    work: Path
    cmake: str
    ctest: str
    generator: str
    toolkit: Path
    config: str | None
    verbose: bool = False
    base_env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    canary: dict[str, Any] | None = None

    @property
    def build_dir(self) -> Path:
        return self.work / "build"

    @property
    def marker_dir(self) -> Path:
        return self.work / "markers"

    @property
    def placeholders(self) -> dict[str, str]:
        return {
            "WORK_DIR": str(self.work), "BUILD_DIR": str(self.build_dir),
            "CASE_DIR": str(self.case_dir), "TOOLKIT_DIR": str(self.toolkit),
            "COMMON_DIR": str(COMMON_DIR), "MARKER_DIR": str(self.marker_dir),
            "CONFIG": self.config or "", "CMAKE": self.cmake,
            "CTEST": self.ctest, "GENERATOR": self.generator,
        }

    # -- substitution helpers ------------------------------------------
    def sub(self, text: str) -> str:
        return substitute(text, self.placeholders)

    def sub_list(self, items: list[str] | None) -> list[str]:
        return [self.sub(a) for a in items or []]

    def sub_env(self, env: dict[str, Any] | None) -> dict[str, Any]:
        return {k: None if v is None else self.sub(str(v))
                for k, v in (env or {}).items()}

    def sub_rx(self, items: list[str] | None) -> list[str]:
        return [substitute(rx, self.placeholders, escape=True)
                for rx in items or []]

    # -- running -------------------------------------------------------
    def execute(self, argv: list[str], env_overrides: dict[str, Any],
                cwd: Path, timeout: float, tag: str = "") -> Result:
        if self.canary:
            # Exported to every step; a step's own env still wins.
            env_overrides = {**{name: self.canary["value"]
                                for name in self.canary["names"]},
                             **env_overrides}
        shown = self.mask(format_command(argv, cwd, env_overrides))
        print(f"+ {tag}{shown}", flush=True)
        result = run_command(argv, step_environment(self.base_env,
                                                    env_overrides),
                             cwd, timeout)
        result.shown = shown
        if self.canary and self.canary["value"] in result.combined:
            print(f"  {tag}(exit {result.code})", flush=True)
            self.fail(f"canary: {tag}{shown}",
                      ["the canary value appears in this command's output "
                       "(shown below as <CANARY>)"], [result])
        status = f"timed out after {timeout:g} s" if result.timed_out \
            else f"exit {result.code}"
        print(f"  {tag}({status}, {result.seconds:.2f} s)", flush=True)
        if self.verbose:
            print(_indent(self.mask(result.combined)), flush=True)
        return result

    def mask(self, text: str) -> str:
        """The canary never appears in what the driver prints."""
        return text.replace(self.canary["value"], "<CANARY>") if self.canary else text

    def scan_for_canary(self) -> None:
        """Every file under the work directory (build tree, install prefix,
        Testing/, JUnit files), read as bytes."""
        needle = self.canary["value"].encode()
        found = []
        for path in sorted(self.work.rglob("*")):
            if path.is_file() and not path.is_symlink():
                try:
                    if needle in path.read_bytes():
                        found.append(str(path.relative_to(self.work)))
                except OSError as e:
                    found.append(f"{path.relative_to(self.work)} (unreadable: {e})")
        files = sum(1 for p in self.work.rglob("*") if p.is_file())
        if found:
            self.fail("canary: files", [f"the canary value is in {f}" for f in found], [])
        print(f"ok: canary: in none of {files} files under {self.work}", flush=True)

    def fail(self, step: str, errors: list[str], results: list[Result],
             extra: str = "") -> None:
        lines = ["", f"CASE FAILED: {self.case_dir.name}",
                 f"step: {step}", "failed assertions:"]
        lines += [f"  - {e}" for e in errors]
        if extra:
            lines.append(extra)
        for r in results:
            status = "timed out" if r.timed_out else f"exit {r.code}"
            lines.append(f"--- output of: {r.shown or shlex.join(r.argv)} "
                         f"({status}; stdout and stderr, last "
                         f"{OUTPUT_TAIL_LINES} lines) ---")
            lines.append(tail(r.combined))
            lines.append("--- end of output ---")
        print(self.mask("\n".join(lines)), flush=True)
        raise StepFailed(step)

    def check_step(self, step: str, spec: dict[str, Any],
                   result: Result) -> None:
        """The checks of a configure or build step."""
        errors = []
        want = spec.get("result", "success")
        if result.timed_out:
            errors.append("the command did not finish before the timeout")
        elif want == "success" and result.code != 0:
            errors.append(f"result: expected success, actual failure (exit "
                          f"{result.code})")
        elif want == "failure" and result.code == 0:
            errors.append("result: expected failure, actual success (exit 0)")
        errors += check_output(result.combined,
                               self.sub_rx(spec.get("output_matches")),
                               self.sub_rx(spec.get("output_not_matches")))
        if errors:
            self.fail(step, errors, [result])
        print(f"ok: {step}", flush=True)

    # -- steps ---------------------------------------------------------
    def prepare(self) -> None:
        if self.work.exists():
            shutil.rmtree(self.work)
        self.marker_dir.mkdir(parents=True)

    def configure(self, spec: dict[str, Any]) -> bool:
        argv = [self.cmake, "-S", str(self.case_dir), "-B",
                str(self.build_dir), "-G", self.generator,
                "--no-warn-unused-cli",
                f"-DSTAGING_TESTS_ROOT={self.toolkit}",
                f"-DCASE_COMMON_DIR={COMMON_DIR}",
                f"-DCASE_MARKER_DIR={self.marker_dir}"]
        if self.config and not _is_multi_config(self.generator):
            argv.append(f"-DCMAKE_BUILD_TYPE={self.config}")
        argv += self.sub_list(spec.get("args"))
        result = self.execute(argv, self.sub_env(spec.get("env")), self.work,
                              spec.get("timeout", DEFAULT_STEP_TIMEOUT))
        self.check_step("configure", spec, result)
        return spec.get("result", "success") == "success"

    def build(self, spec: dict[str, Any]) -> bool:
        argv = [self.cmake, "--build", str(self.build_dir)]
        if self.config:
            argv += ["--config", self.config]
        argv += self.sub_list(spec.get("args"))
        result = self.execute(argv, self.sub_env(spec.get("env")), self.work,
                              spec.get("timeout", DEFAULT_STEP_TIMEOUT))
        self.check_step("build", spec, result)
        return spec.get("result", "success") == "success"

    def ctest_argv(self, test_dir: str | None, args: list[str]) -> list[str]:
        argv = [self.ctest]
        if self.config:
            argv += ["-C", self.config]
        if test_dir is not None:
            argv += ["--test-dir", str(self.build_dir / self.sub(test_dir))]
        return argv + self.sub_list(args)

    def clear_markers(self) -> None:
        self.marker_dir.mkdir(parents=True, exist_ok=True)
        for entry in self.marker_dir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def run(self, index: int, spec: dict[str, Any]) -> None:
        name = spec.get("name", f"run {index + 1}")
        step = f"runs[{index}] {name!r}"
        env = self.sub_env(spec.get("env"))
        timeout = spec.get("timeout", DEFAULT_RUN_TIMEOUT)
        test_dir = spec.get("test_dir")
        if "command" in spec:
            argvs = [self.sub_list(spec["command"])]
        elif "parallel" in spec:
            argvs = [self.ctest_argv(inv.get("test_dir", test_dir),
                                     spec.get("args", []) +
                                     inv.get("args", []))
                     for inv in spec["parallel"]]
        else:
            argvs = [self.ctest_argv(test_dir, spec.get("args", []))]

        self.clear_markers()
        if len(argvs) == 1:
            results = [self.execute(argvs[0], env, self.build_dir, timeout)]
        else:
            print(f"  (the next {len(argvs)} commands run at the same time)",
                  flush=True)
            with ThreadPoolExecutor(max_workers=len(argvs)) as pool:
                futures = [pool.submit(self.execute, a, env, self.build_dir,
                                       timeout, f"[parallel {i + 1}] ")
                           for i, a in enumerate(argvs)]
                results = [f.result() for f in futures]

        errors: list[str] = []
        statuses_seen = []
        for i, result in enumerate(results):
            label = f"[parallel {i + 1}] " if len(results) > 1 else ""
            statuses = parse_statuses(result.combined)
            statuses_seen.append(f"{label}{describe_statuses(statuses)}")
            own = check_exit_code(spec.get("exit_code", 0), result.code)
            own += check_statuses(statuses, spec.get("tests", {}),
                                  spec.get("tests_all"),
                                  spec.get("tests_only", False))
            own += check_output(result.combined,
                                self.sub_rx(spec.get("output_matches")),
                                self.sub_rx(spec.get("output_not_matches")))
            if spec.get("stdout_is_json"):
                try:
                    json.loads(result.stdout)
                except json.JSONDecodeError as e:
                    own.append(f"stdout_is_json: stdout is not JSON ({e})")
            errors += [label + e for e in own]
        for marker in spec.get("markers_exist", []):
            if not (self.marker_dir / marker).exists():
                errors.append(f"marker {marker!r}: expected to exist, it "
                              f"does not")
        for marker in spec.get("markers_absent", []):
            if (self.marker_dir / marker).exists():
                errors.append(f"marker {marker!r}: expected absent, it "
                              f"exists")
        if errors:
            markers = sorted(p.name for p in self.marker_dir.iterdir())
            self.fail(step, errors, results,
                      "test statuses parsed: " + "; ".join(statuses_seen) +
                      f"\nmarkers present: {markers!r}")
        print(f"ok: {step}: {'; '.join(statuses_seen)}", flush=True)

        if "json" in spec:
            self.run_json(step, spec["json"], env, test_dir, timeout)

    def run_json(self, step: str, spec: dict[str, Any], env: dict[str, Any],
                 test_dir: str | None, timeout: float) -> None:
        step = f"{step} json"
        argv = self.ctest_argv(test_dir, ["--show-only=json-v1"] +
                               spec.get("args", []))
        result = self.execute(argv, env, self.build_dir, timeout)
        errors = check_exit_code(0, result.code)
        tests: list[JsonTest] = []
        try:
            tests = parse_show_only_json(result.stdout)
        except ValueError as e:
            errors.append(f"json: stdout is not a ctest json-v1 listing ({e})")
        else:
            errors += check_json(tests, spec)
        errors += check_output(result.stdout,
                               self.sub_rx(spec.get("output_matches")),
                               self.sub_rx(spec.get("output_not_matches")))
        if errors:
            self.fail(step, errors, [result])
        print(f"ok: {step}: {len(tests)} tests", flush=True)

    def main(self, case: dict[str, Any]) -> None:
        self.canary = case.get("canary")
        self.prepare()
        self.steps(case)
        if self.canary:
            self.scan_for_canary()

    def steps(self, case: dict[str, Any]) -> None:
        if not self.configure(case.get("configure", {})):
            return
        build = case.get("build", True)
        if build is not False:
            if not self.build({} if build is True else build):
                return
        for i, run in enumerate(case.get("runs", [])):
            self.run(i, run)


def _is_multi_config(generator: str) -> bool:
    return "Multi-Config" in generator or generator.startswith(
        ("Visual Studio", "Xcode"))


def _indent(text: str) -> str:
    return "\n".join("  | " + line for line in text.splitlines())


def _default_ctest(cmake: str) -> str:
    found = shutil.which(cmake)
    if found:
        sibling = Path(found).with_name("ctest")
        if sibling.exists():
            return str(sibling)
    return "ctest"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Run one case test (see tests/cases/README.md).")
    p.add_argument("--case", required=True, type=Path,
                   help="the case directory (holds case.json)")
    p.add_argument("--work", required=True, type=Path,
                   help="scratch directory; wiped and recreated")
    p.add_argument("--cmake", default="cmake")
    p.add_argument("--ctest", default=None,
                   help="default: the ctest beside --cmake")
    p.add_argument("--generator", default=None,
                   help="default: Ninja if found, else Unix Makefiles")
    p.add_argument("--toolkit", type=Path, default=DEFAULT_TOOLKIT,
                   help="the StagingTests root (default: this repository)")
    p.add_argument("--config", default=None,
                   help="build configuration: --config for the build, -C "
                        "for ctest")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print every step's output")
    args = p.parse_args(argv)
    if args.ctest is None:
        args.ctest = _default_ctest(args.cmake)
    if args.generator is None:
        args.generator = "Ninja" if shutil.which("ninja") else \
            "Unix Makefiles"
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    case_dir = args.case.resolve()
    work = args.work.resolve()
    if work == case_dir or case_dir.is_relative_to(work):
        print(f"run_case: --work {work} would wipe the case itself",
              file=sys.stderr)
        return 2
    try:
        case = load_case(case_dir)
    except CaseError as e:
        print(f"run_case: invalid case: {e}", file=sys.stderr)
        return 2
    print(f"case {case_dir.name}: {case['description']}", flush=True)
    reason = not_applicable(case, cmake_version(args.cmake))
    if reason:
        print(f"CASE NOT APPLICABLE: {case_dir.name} {reason}", flush=True)
        return EXIT_NOT_APPLICABLE
    driver = Driver(case_dir=case_dir, work=work, cmake=args.cmake,
                    ctest=args.ctest, generator=args.generator,
                    toolkit=args.toolkit.resolve(), config=args.config,
                    verbose=args.verbose)
    try:
        driver.main(case)
    except StepFailed:
        return 1
    print(f"CASE PASSED: {case_dir.name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
