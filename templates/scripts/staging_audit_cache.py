"""The suite audit's cache: a passing verdict is reused while nothing that
decides what ctest lists has changed.

Listing the suite (``ctest --show-only=json-v1``) loads every test a second
time, which for a large suite costs more than the rest of the session
(tests/benchmarks/README.md, #3). What ctest lists is decided by files: every
``CTestTestfile.cmake`` reached from the build directory through
``subdirs()``, every file they ``include()`` (the guard, CTestCustom.cmake,
GoogleTest's ``*_include.cmake`` and ``*_tests.cmake``, the
``staging_gtest_*.cmake`` scripts, hand-written include files) and every path
they test with ``if(EXISTS ...)`` or ``IS_NEWER_THAN`` (a test executable
GoogleTest re-discovers at ctest time). The key is a digest of those files'
size, mtime, ctime and inode (or absence), the ctest program, the
configuration, the policy file's content and these scripts' content. It is
saved beside the policy after a passing audit; a failing audit removes it.

A file whose effect depends on something else -- an environment variable,
a command's output, another file's content, a computed include path -- makes
the suite uncacheable: the audit then lists it every time. So does a file
changed too recently to be told apart from a later change of the same size
by its timestamps.
"""

import hashlib
import json
import os
import pathlib
import re
import string
import time

from staging_common import report_audit_passed

KEY_NAME = "audit.key"
_FORMAT = 1
_SCRIPTS = ("staging_suite_audit.py", "staging_common.py", "staging_audit_cache.py")
# Two writes within one timestamp tick leave the same mtime: a key is not
# saved while a file is younger than this (two seconds where the file system
# stores whole seconds).
_RACY_NS = 100_000_000
_RACY_COARSE_NS = 2_000_000_000

# One CMake argument: quoted, bracket or unquoted.
_ARGUMENT = (r'"(?:[^"\\]|\\.)*"'
             r'|\[(?P<eq>=*)\[.*?\](?P=eq)\]'
             r'|(?:[^\s()"#\\]|\\.)+')
_ARGUMENT_RE = re.compile(r'\s*(' + _ARGUMENT.replace("eq", "eq1") + r')', re.S)
_PATH_TEST_RE = re.compile(
    r'(?<![\w])(?:EXISTS|IS_DIRECTORY|IS_SYMLINK|IS_READABLE|IS_WRITABLE|IS_EXECUTABLE)'
    r'\s+(' + _ARGUMENT.replace("eq", "eq2") + r')', re.S)
_PATH_TESTS = ("EXISTS", "IS_DIRECTORY", "IS_SYMLINK", "IS_READABLE", "IS_WRITABLE",
               "IS_EXECUTABLE")
_NEWER_RE = re.compile(r"(?<![\w])IS_NEWER_THAN(?![\w])")
# The argument just before IS_NEWER_THAN: searched in a window ending there.
_LAST_ARGUMENT_RE = re.compile(r'(' + _ARGUMENT.replace("eq", "eq3") + r')\s+\Z', re.S)
# What can make a script define other tests without any tracked file changing.
_DYNAMIC_COMMANDS = {"execute_process", "exec_program", "file", "cmake_language", "site_name",
                     "cmake_host_system_information", "load_cache", "find_file",
                     "find_library", "find_package", "find_path", "find_program"}
_DYNAMIC_STRING_RE = re.compile(r"\s*(TIMESTAMP|RANDOM|UUID)\b", re.I)
_WORD = string.ascii_letters + string.digits + "_"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


class Uncacheable(Exception):
    """The suite's listing depends on more than the tracked files."""


def key_file(build_dir):
    return pathlib.Path(build_dir) / "StagingTests" / KEY_NAME


def _literal(argument, variables):
    """The value of one CMake argument, or Uncacheable when it is computed."""
    if argument.startswith("["):
        return argument[argument.index("[", 1) + 1:argument.rindex("]", 0, -1)]
    if argument.startswith('"'):
        argument = argument[1:-1]
    for name, value in variables.items():
        argument = argument.replace("${" + name + "}", value)
    if "${" in argument or "$<" in argument:
        raise Uncacheable(f"uses a computed path ({argument})")

    def unescape(match):
        char = match.group(1)
        if char in _ESCAPES:
            return _ESCAPES[char]
        if char.isalnum() or char == ";":
            raise Uncacheable(f"uses an escape the cache does not read ({argument})")
        return char
    return re.sub(r"\\(.)", unescape, argument, flags=re.S)


def _arguments(text, position):
    """The arguments of the command whose '(' ends at <position>."""
    arguments = []
    while True:
        match = _ARGUMENT_RE.match(text, position)
        if not match:
            break
        arguments.append(match.group(1))
        position = match.end()
    if not re.match(r"\s*\)", text[position:position + 200]):
        raise Uncacheable("has a command the cache cannot read")
    return arguments


def _commands(text):
    """(name in lower case, offset just past its '(') of everything in <text>
    shaped like a command call. Splitting on '(' is far faster than a regular
    expression over a CTestTestfile.cmake of many megabytes."""
    end = 0
    pieces = text.split("(")
    for piece in pieces[:-1]:
        end += len(piece) + 1
        tail = piece.rstrip()
        name = tail[len(tail.rstrip(_WORD)):]
        if name:
            yield name.lower(), end


def references(text, path, config, trusted=False):
    """What the CMake script <text> (the file <path>) makes ctest read:
    [("include", path)], [("subdirs", directory)] and [("stat", path)] for
    paths it tests. Raises Uncacheable when its effect is not decided by
    files alone; <trusted> (the toolkit's own guard) skips that scan."""
    if not trusted:
        # $ENV{X}, if(DEFINED ENV{X}), $CACHE{X}
        for reference in ("ENV{", "CACHE{"):
            if reference in text:
                raise Uncacheable(f"uses {reference}")
    variables = {"CMAKE_CURRENT_LIST_FILE": str(path),
                 "CMAKE_CURRENT_LIST_DIR": str(path.parent),
                 "CTEST_CONFIGURATION_TYPE": config}
    found = []
    for command, position in _commands(text):
        if not trusted and (command in _DYNAMIC_COMMANDS or command.startswith("ctest_") or (
                command == "string" and _DYNAMIC_STRING_RE.match(text, position))):
            raise Uncacheable(f"uses {command}()")
        if command not in ("include", "subdirs"):
            continue
        arguments = _arguments(text, position)
        if command == "include":
            if not arguments:
                raise Uncacheable("has an include() without a file")
            arguments = arguments[:1]
        for argument in arguments:
            value = pathlib.Path(_literal(argument, variables))
            if command == "subdirs":
                found.append(("subdirs", path.parent / value))
            elif value.is_absolute():
                found.append(("include", value))
            else:
                raise Uncacheable(f"includes a module by name ({value})")
    tested = []
    if any(word in text for word in _PATH_TESTS):
        tested += [match.group(1) for match in _PATH_TEST_RE.finditer(text)]
    for match in _NEWER_RE.finditer(text) if "IS_NEWER_THAN" in text else ():
        before = _LAST_ARGUMENT_RE.search(text, max(0, match.start() - 4096), match.start())
        after = _ARGUMENT_RE.match(text, match.end())
        if not before or not after:
            raise Uncacheable("has an IS_NEWER_THAN the cache cannot read")
        tested += [before.group(1), after.group(1)]
    for argument in tested:
        try:
            found.append(("stat", pathlib.Path(_literal(argument, variables))))
        except Uncacheable:
            # The guard tests its own check program, which lists no test.
            if not trusted:
                raise
    return found


def tracked_files(ctest, build_dir, config):
    """Every file that decides what ctest lists for <build_dir>, in the order
    found. Raises Uncacheable naming the file that prevents caching."""
    build = pathlib.Path(build_dir).resolve()
    guard = build / "StagingTests" / "staging_guard.cmake"
    # CMake's own modules (GoogleTestAddTests.cmake): tracked, not read.
    cmake_share = pathlib.Path(ctest).resolve().parent.parent / "share"
    order, seen = [], set()
    queue = [build / "CTestTestfile.cmake", build / "CTestCustom.cmake"]
    while queue:
        path = pathlib.Path(os.path.normpath(queue.pop(0)))
        if path in seen:
            continue
        seen.add(path)
        order.append(path)
        if path.parent.name != "Modules" or cmake_share not in path.parents:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                continue
            try:
                found = references(text, path, config, trusted=(path == guard))
            except Uncacheable as error:
                raise Uncacheable(f"{path} {error}") from None
            for kind, target in found:
                if kind == "subdirs":
                    target = target / "CTestTestfile.cmake"
                if kind == "stat":
                    if target not in seen:
                        seen.add(target)
                        order.append(target)
                else:
                    queue.append(target)
    return order


def _signature(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def digest(ctest, build_dir, config, policy, files):
    """The key: every input of the listing and of the verdict."""
    here = pathlib.Path(__file__).resolve().parent
    material = {
        "format": _FORMAT,
        "ctest": [str(pathlib.Path(ctest).resolve()), _signature(ctest)],
        "config": [config, os.environ.get("CMAKE_CONFIG_TYPE", "")],
        "build": str(pathlib.Path(build_dir).resolve()),
        "policy": hashlib.sha256(pathlib.Path(policy).read_bytes()).hexdigest(),
        "scripts": [hashlib.sha256((here / name).read_bytes()).hexdigest()
                    for name in _SCRIPTS],
        "files": [[str(path), _signature(path)] for path in files],
    }
    text = json.dumps(material, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached_audit(ctest, build_dir, config, policy):
    """The record of the last passing audit when nothing it depended on has
    changed since, else None."""
    try:
        record = json.loads(key_file(build_dir).read_text(encoding="utf-8"))
        if record.get("format") != _FORMAT:
            return None
        files = [pathlib.Path(path) for path in record["files"]]
        if digest(ctest, build_dir, config, policy, files) != record["digest"]:
            return None
        return record
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Snapshot:
    """The tracked files and their key, taken before the suite is listed."""

    def __init__(self, ctest, build_dir, config, policy):
        self.args = (ctest, build_dir, config, policy)
        # Whatever this audit finds, the last verdict no longer holds.
        forget(build_dir)
        self.taken_ns = time.time_ns()
        try:
            self.files = tracked_files(ctest, build_dir, config)
            self.reason = None
        except Uncacheable as error:
            self.files, self.reason = [], str(error)
        self.key = digest(*self.args, self.files) if self.reason is None else None
        if self.reason is None:
            self.reason = self._racy()

    def _racy(self):
        for path in self.files:
            signature = _signature(path)
            if signature is None:
                continue
            newest = max(signature[1], signature[2])
            coarse = signature[1] % 1_000_000_000 == 0 and signature[2] % 1_000_000_000 == 0
            if newest > self.taken_ns - (_RACY_COARSE_NS if coarse else _RACY_NS):
                return f"{path} changed too recently to be told from a later change"
        return None

    def save(self, tests):
        """Keeps the key of a passing audit, unless a tracked file changed
        while the suite was listed. Returns why nothing was kept, or None."""
        if self.reason is not None:
            forget(self.args[1])
            return self.reason
        if digest(*self.args, self.files) != self.key:
            forget(self.args[1])
            return "a file changed while the suite was listed"
        record = {"format": _FORMAT, "digest": self.key, "tests": tests,
                  "audited": time.strftime("%Y-%m-%d %H:%M:%S"),
                  "files": [str(path) for path in self.files]}
        target = key_file(self.args[1])
        partial = target.with_name(f"{KEY_NAME}.{os.getpid()}")
        try:
            partial.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
            os.replace(partial, target)
        except OSError as error:
            return f"{target} could not be written: {error}"
        return None


def forget(build_dir):
    try:
        key_file(build_dir).unlink()
    except OSError:
        pass


def reuse(args, policy):
    """Passes the audit at once when the suite is unchanged since the last
    passing audit (the suite audit's arguments <args>)."""
    record = cached_audit(args.ctest, args.build_dir, args.config, args.policy)
    if record is None:
        return False
    report_audit_passed(policy, record["tests"], record["audited"])
    return True


def remember(snapshot, tests):
    """Saves the key of an audit that passed, or says why the next run will
    list the suite again."""
    reason = snapshot.save(tests)
    if reason is not None:
        print(f"StagingTests: suite audit: not cached, the next run lists the "
              f"suite again: {reason}")
