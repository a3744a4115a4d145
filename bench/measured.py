"""Run a command and report what it cost, for the benchmarks that run rasad in fresh processes.

    python bench/measured.py CMD [ARG...]

The command's standard output and error pass through; one JSON line is added
to standard error at the end: the command's return code, the CPU seconds of
its own process (``cpu_main_s``) and of every process it started
(``cpu_others_s``: the worker processes and the process that starts them),
and the peak resident memory of the largest of them.

Worker processes are not children of the command but of the process that
starts them, which the command never waits for; this process makes itself
their "subreaper" (Linux), so that they come back to it when their parent
ends and their CPU time is counted. Elsewhere ``cpu_others_s`` may miss them.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import subprocess
import sys
import time

_PR_SET_CHILD_SUBREAPER = 36


def _become_subreaper() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _wait_for_the_rest(limit: float = 60.0) -> None:
    """Wait for every process left behind: they end with the command (see rasad.parallel), but
    one that lingers (a JVM shutting down) is not waited for past ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def main(cmd: list[str]) -> int:
    _become_subreaper()
    proc = subprocess.Popen(cmd)
    _, status, own = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    _wait_for_the_rest()
    total = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_cpu = own.ru_utime + own.ru_stime
    report = {
        "rc": proc.returncode,
        "cpu_main_s": round(main_cpu, 2),
        "cpu_others_s": round(total.ru_utime + total.ru_stime - main_cpu, 2),
        "maxrss_kb": total.ru_maxrss,
    }
    print(json.dumps(report), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
