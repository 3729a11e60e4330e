#!/usr/bin/env python3
"""StagingTests checklist: the cleanup test of the session fixture.

Ends every run with the seed's verification checklist in CTest terms: did the
guard force the environment, did the session validate it, did the suite audit
pass, how many staging tests ran, and which of them a per-test check or the
GoogleTest guard refused. A session excluded on the command line (``-E``,
``-FS``) is the caller's choice and is reported, not failed; a session that
was disabled, skipped or ignored fails the suite audit instead.
"""

import argparse
import shutil
import sys
import time

from staging_common import (MARK_FAILED, MARK_OK, MARK_WARNING, RULE,
                            load_policy, run_dir)

_KEEP_RUNS_SECONDS = 24 * 3600


def recorded_tests(here):
    """What the per-test checks and the GoogleTest guard recorded in this
    run: the tests that passed their check, and those refused."""
    ran, refused = [], set()
    record = here / "tests.log" if here is not None else None
    if record is None or not record.exists():
        return ran, refused
    for line in record.read_text(encoding="utf-8", errors="replace").splitlines():
        outcome, _, name = line.partition(" ")
        (ran.append if outcome == "ok" else refused.add)(name)
    return ran, refused


def forget_old_runs(current):
    for old in current.parent.iterdir():
        if old != current and old.is_dir() and \
                time.time() - old.stat().st_mtime > _KEEP_RUNS_SECONDS:
            shutil.rmtree(old, ignore_errors=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", required=True)
    args = parser.parse_args(argv)
    policy = load_policy(args.policy)
    enforced = policy["enforced"]
    here = run_dir()
    lines, failed = [], False

    if here is None or not here.is_dir():
        lines.append(f"{MARK_FAILED} Guard: this run did not go through the "
                     f"StagingTests guard")
        failed = True
    else:
        lines.append(f"{MARK_OK} Guard: ENVIRONMENT judged and the staging "
                     f"variables forced before any test")
        forget_old_runs(here)

    def ran(stamp_name):
        return here is not None and (here / stamp_name).exists()

    if ran("session.ok"):
        lines.append(f"{MARK_OK} Session: '{policy['fixture']}' validated the "
                     f"environment and confirmed {enforced.upper()}")
    else:
        lines.append(f"{MARK_WARNING}Session: '{policy['fixture']}' did not run "
                     f"in this invocation (excluded on the command line?): the "
                     f"tests ran forced to {enforced}, unconfirmed")
    if ran("audit.ok"):
        lines.append(f"{MARK_OK} Suite audit: every test carries the label, the "
                     f"fixture and ENVIRONMENT={enforced}")
    elif ran("audit.failed"):
        lines.append(f"{MARK_FAILED} Suite audit: failed (see its output)")
        failed = True
    else:
        lines.append(f"{MARK_WARNING}Suite audit: did not run in this invocation")

    checked, refused = recorded_tests(here)
    if refused:
        lines.append(f"{MARK_FAILED} Tests: {len(checked)} ran under "
                     f"ENVIRONMENT={enforced}; refused for their environment: "
                     f"{', '.join(sorted(refused))}")
        failed = True
    else:
        lines.append(f"{MARK_OK} Tests: {len(checked)} staging tests ran, each "
                     f"checked under ENVIRONMENT={enforced}")

    print(RULE)
    print(f"StagingTests checklist: {enforced.upper()} environment")
    print(RULE)
    print("\n".join(lines))
    print(RULE)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
