"""Shared by the StagingTests ctest scripts: the policy file, the one rule
for ENVIRONMENT, and where a run leaves its stamps.

Python runs only in these once-per-run scripts, never on a test's path.
"""

import json
import os
import pathlib

MARK_OK = "\u2705"
MARK_FAILED = "\u274c"
MARK_WARNING = "\u26a0\ufe0f "
RULE = "=" * 70


def load_policy(path):
    with open(path, encoding="utf-8") as policy_file:
        return json.load(policy_file)


def same_environment(value, name):
    """The rule of the check program (rules.hpp): surrounding ASCII
    whitespace ignored, ASCII letter case ignored."""
    return value.strip(" \t\n\v\f\r").lower() == name.lower()


def forced_pairs(policy):
    return [entry.split("=", 1) for entry in policy["forced"]]


def run_dir():
    """The directory the ctest-time guard made for this ctest invocation,
    or None when the script runs outside ctest."""
    value = os.environ.get("STAGING_TESTS_RUN_DIR")
    return pathlib.Path(value) if value else None


def stamp(name, content=""):
    directory = run_dir()
    if directory is not None and directory.is_dir():
        (directory / name).write_text(content, encoding="utf-8")


def report_audit_passed(policy, tests, audited=None):
    """Prints the suite audit's verdict on <tests> staging tests and leaves
    the audit.ok stamp for the checklist; <audited> is the time of the audit
    whose verdict is reused, if it is."""
    since = (f"the suite is unchanged since the audit of {audited}, which passed: "
             if audited else "")
    print(f"StagingTests: suite audit: {since}all {tests} tests carry the label "
          f"'{policy['label']}', require '{policy['fixture']}' and force "
          f"ENVIRONMENT={policy['enforced']}")
    stamp("audit.ok", f"{tests}\n")
